-- Advancing teams between rounds (issue 29, decision 035): staff decide once, after a round closes, which teams go
-- on to the next round. The decision is marked on the round it closes (advancedAt, set by a guarded update so it
-- happens once) and each advancing team is one row naming the round it enters. A later round judges only them.
-- AlterTable
ALTER TABLE "CompetitionRound" ADD COLUMN "advancedAt" TIMESTAMP(3),
ADD COLUMN "advanceRule" TEXT;

-- CreateTable
CREATE TABLE "CompetitionAdvance" (
    "id" TEXT NOT NULL,
    "fromRoundId" TEXT NOT NULL,
    "toRoundId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "rank" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetitionAdvance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CompetitionAdvance_toRoundId_teamId_key" ON "CompetitionAdvance"("toRoundId", "teamId");

-- CreateIndex
CREATE INDEX "CompetitionAdvance_teamId_idx" ON "CompetitionAdvance"("teamId");

-- AddForeignKey
ALTER TABLE "CompetitionAdvance" ADD CONSTRAINT "CompetitionAdvance_fromRoundId_fkey" FOREIGN KEY ("fromRoundId") REFERENCES "CompetitionRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetitionAdvance" ADD CONSTRAINT "CompetitionAdvance_toRoundId_fkey" FOREIGN KEY ("toRoundId") REFERENCES "CompetitionRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetitionAdvance" ADD CONSTRAINT "CompetitionAdvance_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CompetitionTeam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Deadlines that moved after a competition was published (issue 29, decision 035): staff editing a published
-- competition may move a deadline later, never earlier once teams signed up. Each move is one row, shown on the
-- public timeline beside the step, and the teams are told.
-- CreateTable
CREATE TABLE "CompetitionDeadlineChange" (
    "id" TEXT NOT NULL,
    "competitionId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "before" TIMESTAMP(3) NOT NULL,
    "after" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetitionDeadlineChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CompetitionDeadlineChange_competitionId_idx" ON "CompetitionDeadlineChange"("competitionId");

-- AddForeignKey
ALTER TABLE "CompetitionDeadlineChange" ADD CONSTRAINT "CompetitionDeadlineChange_competitionId_fkey" FOREIGN KEY ("competitionId") REFERENCES "Competition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- 科普基地 (issue 27, decision 036): the applicant asks that a named reviewer of the district step aside from one
-- application (回避申请), and the district grants or declines it with a note.
-- CreateEnum
CREATE TYPE "BaseRecusalStatus" AS ENUM ('REQUESTED', 'GRANTED', 'DECLINED');

-- CreateTable
CREATE TABLE "BaseRecusal" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "requestedById" TEXT,
    "reason" TEXT NOT NULL,
    "status" "BaseRecusalStatus" NOT NULL DEFAULT 'REQUESTED',
    "decidedById" TEXT,
    "decisionNote" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BaseRecusal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BaseRecusal_applicationId_idx" ON "BaseRecusal"("applicationId");

-- CreateIndex
CREATE INDEX "BaseRecusal_reviewerId_idx" ON "BaseRecusal"("reviewerId");

-- AddForeignKey
ALTER TABLE "BaseRecusal" ADD CONSTRAINT "BaseRecusal_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BaseApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseRecusal" ADD CONSTRAINT "BaseRecusal_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseRecusal" ADD CONSTRAINT "BaseRecusal_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseRecusal" ADD CONSTRAINT "BaseRecusal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One request not declined per application and reviewer, even if the code were wrong
CREATE UNIQUE INDEX "BaseRecusal_open_once" ON "BaseRecusal"("applicationId", "reviewerId") WHERE "status" <> 'DECLINED';

-- A decided request has its decision time and note, an open one has neither, and the reason is never empty
ALTER TABLE "BaseRecusal" ADD CONSTRAINT "BaseRecusal_decided" CHECK (("status" = 'REQUESTED') = ("decidedAt" IS NULL) AND ("status" = 'REQUESTED') = ("decisionNote" IS NULL));
ALTER TABLE "BaseRecusal" ADD CONSTRAINT "BaseRecusal_reason" CHECK (length("reason") > 0);

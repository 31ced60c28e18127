-- 科普基地 yearly 考核 (issue 27 points 3 to 5, decision 036): one report per designation and year, opened by the
-- district with a deadline, pre-filled from the portal records, declared figures from the base, a self score and the
-- district score against the scoring sheet of the level, and the result bands each district keeps.
-- CreateEnum
CREATE TYPE "BaseReviewStatus" AS ENUM ('OPEN', 'SUBMITTED', 'RETURNED', 'APPROVED');

-- AlterTable
ALTER TABLE "BaseLevel" ADD COLUMN "reviewSheet" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "BaseReview" (
    "id" TEXT NOT NULL,
    "designationId" TEXT NOT NULL,
    "venueId" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "levelKey" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "BaseReviewStatus" NOT NULL DEFAULT 'OPEN',
    "deadline" TIMESTAMP(3) NOT NULL,
    "sheet" JSONB NOT NULL DEFAULT '[]',
    "measured" JSONB NOT NULL DEFAULT '{}',
    "measuredAt" TIMESTAMP(3) NOT NULL,
    "declared" JSONB NOT NULL DEFAULT '{}',
    "selfScores" JSONB NOT NULL DEFAULT '{}',
    "selfTotal" INTEGER,
    "districtScores" JSONB NOT NULL DEFAULT '{}',
    "districtTotal" INTEGER,
    "districtComments" TEXT,
    "returnNotes" TEXT,
    "result" TEXT,
    "openedById" TEXT,
    "scoredById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BaseReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BaseReviewBands" (
    "districtId" TEXT NOT NULL,
    "excellent" INTEGER NOT NULL DEFAULT 90,
    "good" INTEGER NOT NULL DEFAULT 75,
    "pass" INTEGER NOT NULL DEFAULT 60,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BaseReviewBands_pkey" PRIMARY KEY ("districtId")
);

-- CreateIndex
CREATE UNIQUE INDEX "BaseReview_designationId_year_key" ON "BaseReview"("designationId", "year");

-- CreateIndex
CREATE INDEX "BaseReview_districtId_year_status_idx" ON "BaseReview"("districtId", "year", "status");

-- CreateIndex
CREATE INDEX "BaseReview_venueId_year_idx" ON "BaseReview"("venueId", "year");

-- AddForeignKey
ALTER TABLE "BaseReview" ADD CONSTRAINT "BaseReview_designationId_fkey" FOREIGN KEY ("designationId") REFERENCES "BaseDesignation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseReview" ADD CONSTRAINT "BaseReview_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseReview" ADD CONSTRAINT "BaseReview_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseReview" ADD CONSTRAINT "BaseReview_levelKey_fkey" FOREIGN KEY ("levelKey") REFERENCES "BaseLevel"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseReview" ADD CONSTRAINT "BaseReview_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseReview" ADD CONSTRAINT "BaseReview_scoredById_fkey" FOREIGN KEY ("scoredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseReviewBands" ADD CONSTRAINT "BaseReviewBands_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The bands go down from excellent to pass, within 1 to 100 percent. Scores are never negative.
ALTER TABLE "BaseReviewBands" ADD CONSTRAINT "BaseReviewBands_order" CHECK ("pass" >= 1 AND "pass" < "good" AND "good" < "excellent" AND "excellent" <= 100);
ALTER TABLE "BaseReview" ADD CONSTRAINT "BaseReview_totals" CHECK (("selfTotal" IS NULL OR "selfTotal" >= 0) AND ("districtTotal" IS NULL OR "districtTotal" >= 0));
ALTER TABLE "BaseReview" ADD CONSTRAINT "BaseReview_approved_scored" CHECK ("status" <> 'APPROVED' OR ("districtTotal" IS NOT NULL AND "result" IS NOT NULL));

-- The scoring sheet every seeded level starts with (the district adjusts the bands of results, decision 036). Each
-- criterion names the figure it reads and the bands that give its points: the first band the figure reaches.
UPDATE "BaseLevel" SET "reviewSheet" = '[{"key":"openDays","label":"开放天数（有场次的日子）","points":20,"figure":"openDays","bands":[{"atLeast":300,"points":20},{"atLeast":250,"points":15},{"atLeast":200,"points":10}]},{"key":"visitors","label":"参与人数（签到）","points":20,"figure":"checkedIn","bands":[{"atLeast":30000,"points":20},{"atLeast":10000,"points":15},{"atLeast":1000,"points":10}]},{"key":"activities","label":"举办科普活动","points":15,"figure":"activities","bands":[{"atLeast":50,"points":15},{"atLeast":20,"points":10},{"atLeast":10,"points":5}]},{"key":"schools","label":"接待学校团体学生","points":10,"figure":"schoolPupils","bands":[{"atLeast":3000,"points":10},{"atLeast":1000,"points":7},{"atLeast":200,"points":4}]},{"key":"passport","label":"科普护照参与（盖章）","points":10,"figure":"passportStamps","bands":[{"atLeast":1000,"points":10},{"atLeast":300,"points":6},{"atLeast":50,"points":3}]},{"key":"volunteers","label":"志愿服务时长","points":5,"figure":"volunteerHours","bands":[{"atLeast":500,"points":5},{"atLeast":100,"points":3}]},{"key":"exhibits","label":"展品更新","points":10,"figure":"exhibitsRenewed","bands":[{"atLeast":10,"points":10},{"atLeast":5,"points":6},{"atLeast":1,"points":3}]},{"key":"management","label":"队伍与管理制度","points":10}]';

-- 科普基地 (issue 27, decision 036): the list of levels the platform admin keeps, the designation register, and
-- 申报 (attachments are not built yet, decision 036). The CHECK constraints at the end hold the dates and the 整改 deadline even if the code
-- were wrong.
-- CreateEnum
CREATE TYPE "BaseDesignationStatus" AS ENUM ('ACTIVE', 'RECTIFY', 'REVOKED');

-- CreateEnum
CREATE TYPE "BaseApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'UNDER_REVIEW', 'APPROVED', 'DECLINED');

-- CreateTable
CREATE TABLE "BaseLevel" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 100,
    "criteria" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BaseLevel_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "BaseDesignation" (
    "id" TEXT NOT NULL,
    "venueId" TEXT NOT NULL,
    "levelKey" TEXT NOT NULL,
    "batch" TEXT,
    "year" INTEGER NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3),
    "status" "BaseDesignationStatus" NOT NULL DEFAULT 'ACTIVE',
    "rectifyBy" TIMESTAMP(3),
    "note" TEXT,
    "applicationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BaseDesignation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BaseApplication" (
    "id" TEXT NOT NULL,
    "venueId" TEXT NOT NULL,
    "levelKey" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "applicantId" TEXT,
    "status" "BaseApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "summary" TEXT NOT NULL,
    "openDaysPerYear" INTEGER,
    "areaSqm" INTEGER,
    "staffCount" INTEGER,
    "contactName" TEXT,
    "reviewNotes" TEXT,
    "scores" JSONB NOT NULL DEFAULT '{}',
    "totalScore" INTEGER,
    "reviewerId" TEXT,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BaseApplication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BaseLevel_name_key" ON "BaseLevel"("name");

-- CreateIndex
CREATE UNIQUE INDEX "BaseDesignation_applicationId_key" ON "BaseDesignation"("applicationId");

-- CreateIndex
CREATE INDEX "BaseDesignation_venueId_idx" ON "BaseDesignation"("venueId");

-- CreateIndex
CREATE INDEX "BaseDesignation_levelKey_status_idx" ON "BaseDesignation"("levelKey", "status");

-- CreateIndex
CREATE INDEX "BaseApplication_districtId_status_idx" ON "BaseApplication"("districtId", "status");

-- CreateIndex
CREATE INDEX "BaseApplication_venueId_idx" ON "BaseApplication"("venueId");

-- AddForeignKey
ALTER TABLE "BaseDesignation" ADD CONSTRAINT "BaseDesignation_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseDesignation" ADD CONSTRAINT "BaseDesignation_levelKey_fkey" FOREIGN KEY ("levelKey") REFERENCES "BaseLevel"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseDesignation" ADD CONSTRAINT "BaseDesignation_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BaseApplication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseApplication" ADD CONSTRAINT "BaseApplication_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseApplication" ADD CONSTRAINT "BaseApplication_levelKey_fkey" FOREIGN KEY ("levelKey") REFERENCES "BaseLevel"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseApplication" ADD CONSTRAINT "BaseApplication_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseApplication" ADD CONSTRAINT "BaseApplication_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseApplication" ADD CONSTRAINT "BaseApplication_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The last valid day is not before the first, and a designation under 整改 has its deadline.
ALTER TABLE "BaseDesignation" ADD CONSTRAINT "BaseDesignation_valid_dates" CHECK ("validUntil" IS NULL OR "validUntil" >= "validFrom");
ALTER TABLE "BaseDesignation" ADD CONSTRAINT "BaseDesignation_rectify_deadline" CHECK ("status" <> 'RECTIFY' OR "rectifyBy" IS NOT NULL);

-- The seed levels (the platform admin adds others and retires these in the staff pages). Each carries the criteria
-- a 申报 is scored against, points out of 100.
INSERT INTO "BaseLevel" ("key", "name", "nameEn", "sortOrder", "criteria") VALUES
    ('district-base', '区级科普基地', 'District science base', 10, '[{"key":"venue","label":"场地与展教设施","points":30},{"key":"programme","label":"科普活动与开放","points":40},{"key":"staff","label":"人员与管理制度","points":30}]'),
    ('community-academy', '社区书院', 'Community academy', 20, '[{"key":"venue","label":"场地与设施","points":30},{"key":"programme","label":"活动与服务居民","points":50},{"key":"staff","label":"人员与制度","points":20}]'),
    ('science-courtyard', '科技小院', 'Science courtyard', 30, '[{"key":"venue","label":"场地与示范条件","points":30},{"key":"programme","label":"技术服务与培训","points":50},{"key":"staff","label":"专家与人员","points":20}]'),
    ('demo-museum', '示范性科普场馆', 'Model science venue', 40, '[{"key":"venue","label":"场馆规模与展品","points":40},{"key":"programme","label":"开放与教育活动","points":40},{"key":"staff","label":"队伍与管理","points":20}]'),
    ('basic-base', '基础性科普基地', 'Basic science base', 50, '[{"key":"venue","label":"场地与展教设施","points":30},{"key":"programme","label":"科普活动与开放","points":40},{"key":"staff","label":"人员与管理制度","points":30}]'),
    ('youth-station', '青少年科学创新实践工作站', 'Youth science innovation station', 60, '[{"key":"venue","label":"实验与实践条件","points":30},{"key":"programme","label":"青少年课程与项目","points":50},{"key":"staff","label":"导师与管理","points":20}]');

-- Youth science competitions (issue 29, decision 035): competitions with categories, rounds and criteria, teams
-- with members (one per pupil per edition, by a unique key), versioned entries, judges scoped to one competition,
-- assignments with recusal, scores per judge, team and criterion (no row means unscored), awards, 公示 objections
-- and certificates with unguessable numbers.
CREATE TYPE "CompetitionStatus" AS ENUM ('DRAFT', 'OPEN', 'REVIEW', 'PUBLISHED');

CREATE TYPE "AwardBasis" AS ENUM ('RANK', 'BAND');

CREATE TYPE "RoundStatus" AS ENUM ('OPEN', 'CLOSED');

CREATE TYPE "EntryKind" AS ENUM ('LINK', 'FILE');

CREATE TABLE "Competition" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL DEFAULT '',
    "edition" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "summaryEn" TEXT NOT NULL DEFAULT '',
    "organiser" TEXT NOT NULL,
    "districtId" TEXT,
    "status" "CompetitionStatus" NOT NULL DEFAULT 'DRAFT',
    "signUpOpensAt" TIMESTAMP(3) NOT NULL,
    "signUpClosesAt" TIMESTAMP(3) NOT NULL,
    "entryClosesAt" TIMESTAMP(3) NOT NULL,
    "minTeamSize" INTEGER NOT NULL DEFAULT 1,
    "maxTeamSize" INTEGER NOT NULL DEFAULT 5,
    "oneDistrict" BOOLEAN NOT NULL DEFAULT false,
    "normaliseMinEntries" INTEGER NOT NULL DEFAULT 5,
    "awardBasis" "AwardBasis" NOT NULL DEFAULT 'RANK',
    "reviewEndsAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Competition_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionCategory" (
    "id" TEXT NOT NULL,
    "competitionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL DEFAULT '',
    "minGrade" INTEGER NOT NULL,
    "maxGrade" INTEGER NOT NULL,
    "sort" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CompetitionCategory_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionRound" (
    "id" TEXT NOT NULL,
    "competitionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL DEFAULT '',
    "sort" INTEGER NOT NULL DEFAULT 0,
    "minJudgesPerEntry" INTEGER NOT NULL DEFAULT 2,
    "status" "RoundStatus" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "CompetitionRound_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionCriterion" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL DEFAULT '',
    "weight" INTEGER NOT NULL,
    "maxScore" INTEGER NOT NULL DEFAULT 10,
    "sort" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CompetitionCriterion_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionTeam" (
    "id" TEXT NOT NULL,
    "competitionId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "registrantId" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "advisorName" TEXT NOT NULL,
    "advisorSchool" TEXT NOT NULL,
    "advisorPart" TEXT NOT NULL,
    "entryExtendedUntil" TIMESTAMP(3),
    "extensionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetitionTeam_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionMember" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "competitionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "school" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,
    "share" INTEGER NOT NULL,
    "sort" INTEGER NOT NULL DEFAULT 0,
    "pupilKey" TEXT NOT NULL,

    CONSTRAINT "CompetitionMember_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionEntry" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" "EntryKind" NOT NULL,
    "url" TEXT NOT NULL,
    "fileName" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetitionEntry_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionJudge" (
    "id" TEXT NOT NULL,
    "competitionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,
    "categoryIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "conflictSchools" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "CompetitionJudge_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "JudgeAssignment" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "recusedAt" TIMESTAMP(3),
    "conflictReason" TEXT,

    CONSTRAINT "JudgeAssignment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionScore" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetitionScore_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionAward" (
    "id" TEXT NOT NULL,
    "competitionId" TEXT NOT NULL,
    "categoryId" TEXT,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL DEFAULT '',
    "maxRank" INTEGER,
    "minScore" DOUBLE PRECISION,
    "sort" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CompetitionAward_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionObjection" (
    "id" TEXT NOT NULL,
    "competitionId" TEXT NOT NULL,
    "teamId" TEXT,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "CompetitionObjection_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CompetitionCertificate" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "award" TEXT NOT NULL,
    "awardEn" TEXT NOT NULL DEFAULT '',
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetitionCertificate_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Competition_slug_key" ON "Competition"("slug");

CREATE UNIQUE INDEX "CompetitionCategory_competitionId_name_key" ON "CompetitionCategory"("competitionId", "name");

CREATE UNIQUE INDEX "CompetitionRound_competitionId_name_key" ON "CompetitionRound"("competitionId", "name");

CREATE UNIQUE INDEX "CompetitionTeam_code_key" ON "CompetitionTeam"("code");

CREATE INDEX "CompetitionTeam_registrantId_idx" ON "CompetitionTeam"("registrantId");

CREATE UNIQUE INDEX "CompetitionTeam_competitionId_name_key" ON "CompetitionTeam"("competitionId", "name");

CREATE INDEX "CompetitionMember_teamId_idx" ON "CompetitionMember"("teamId");

CREATE UNIQUE INDEX "CompetitionMember_competitionId_pupilKey_key" ON "CompetitionMember"("competitionId", "pupilKey");

CREATE UNIQUE INDEX "CompetitionEntry_teamId_version_key" ON "CompetitionEntry"("teamId", "version");

CREATE UNIQUE INDEX "CompetitionJudge_competitionId_userId_key" ON "CompetitionJudge"("competitionId", "userId");

CREATE INDEX "JudgeAssignment_roundId_teamId_idx" ON "JudgeAssignment"("roundId", "teamId");

CREATE UNIQUE INDEX "JudgeAssignment_roundId_judgeId_teamId_key" ON "JudgeAssignment"("roundId", "judgeId", "teamId");

CREATE INDEX "CompetitionScore_roundId_idx" ON "CompetitionScore"("roundId");

CREATE UNIQUE INDEX "CompetitionScore_judgeId_teamId_criterionId_key" ON "CompetitionScore"("judgeId", "teamId", "criterionId");

CREATE INDEX "CompetitionObjection_competitionId_idx" ON "CompetitionObjection"("competitionId");

CREATE UNIQUE INDEX "CompetitionCertificate_number_key" ON "CompetitionCertificate"("number");

CREATE UNIQUE INDEX "CompetitionCertificate_memberId_key" ON "CompetitionCertificate"("memberId");

ALTER TABLE "Competition" ADD CONSTRAINT "Competition_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "CompetitionCategory" ADD CONSTRAINT "CompetitionCategory_competitionId_fkey" FOREIGN KEY ("competitionId") REFERENCES "Competition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionRound" ADD CONSTRAINT "CompetitionRound_competitionId_fkey" FOREIGN KEY ("competitionId") REFERENCES "Competition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionCriterion" ADD CONSTRAINT "CompetitionCriterion_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CompetitionRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionTeam" ADD CONSTRAINT "CompetitionTeam_competitionId_fkey" FOREIGN KEY ("competitionId") REFERENCES "Competition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionTeam" ADD CONSTRAINT "CompetitionTeam_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "CompetitionCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "CompetitionTeam" ADD CONSTRAINT "CompetitionTeam_registrantId_fkey" FOREIGN KEY ("registrantId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "CompetitionMember" ADD CONSTRAINT "CompetitionMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CompetitionTeam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionMember" ADD CONSTRAINT "CompetitionMember_competitionId_fkey" FOREIGN KEY ("competitionId") REFERENCES "Competition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionEntry" ADD CONSTRAINT "CompetitionEntry_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CompetitionTeam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionJudge" ADD CONSTRAINT "CompetitionJudge_competitionId_fkey" FOREIGN KEY ("competitionId") REFERENCES "Competition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionJudge" ADD CONSTRAINT "CompetitionJudge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "JudgeAssignment" ADD CONSTRAINT "JudgeAssignment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CompetitionRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "JudgeAssignment" ADD CONSTRAINT "JudgeAssignment_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "CompetitionJudge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "JudgeAssignment" ADD CONSTRAINT "JudgeAssignment_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CompetitionTeam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionScore" ADD CONSTRAINT "CompetitionScore_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CompetitionRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionScore" ADD CONSTRAINT "CompetitionScore_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "CompetitionJudge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionScore" ADD CONSTRAINT "CompetitionScore_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CompetitionTeam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionScore" ADD CONSTRAINT "CompetitionScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "CompetitionCriterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionAward" ADD CONSTRAINT "CompetitionAward_competitionId_fkey" FOREIGN KEY ("competitionId") REFERENCES "Competition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionAward" ADD CONSTRAINT "CompetitionAward_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "CompetitionCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionObjection" ADD CONSTRAINT "CompetitionObjection_competitionId_fkey" FOREIGN KEY ("competitionId") REFERENCES "Competition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionObjection" ADD CONSTRAINT "CompetitionObjection_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CompetitionTeam"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "CompetitionCertificate" ADD CONSTRAINT "CompetitionCertificate_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CompetitionTeam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CompetitionCertificate" ADD CONSTRAINT "CompetitionCertificate_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "CompetitionMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- 申请入驻 (issue 27, decision 040): a new organisation asks to join with a proven mobile number, and the district
-- admits it (the organisation, its venue and a staff account made at once) or declines it with a reason.
-- CreateEnum
CREATE TYPE "OrganisationJoinStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED');

-- AlterEnum
ALTER TYPE "PhoneCodePurpose" ADD VALUE 'ORG_JOIN';

-- CreateTable
CREATE TABLE "OrganisationJoinRequest" (
    "id" TEXT NOT NULL,
    "organisationName" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "districtId" TEXT NOT NULL,
    "venueName" TEXT NOT NULL,
    "venueAddress" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "status" "OrganisationJoinStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "organisationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganisationJoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationJoinRequest_organisationId_key" ON "OrganisationJoinRequest"("organisationId");

-- CreateIndex
CREATE INDEX "OrganisationJoinRequest_districtId_status_createdAt_idx" ON "OrganisationJoinRequest"("districtId", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "OrganisationJoinRequest" ADD CONSTRAINT "OrganisationJoinRequest_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationJoinRequest" ADD CONSTRAINT "OrganisationJoinRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationJoinRequest" ADD CONSTRAINT "OrganisationJoinRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- One pending request per organisation name (letters compared without case) and one per phone, even if the code were wrong
CREATE UNIQUE INDEX "OrganisationJoinRequest_pending_name" ON "OrganisationJoinRequest"(lower("organisationName")) WHERE "status" = 'PENDING';
CREATE UNIQUE INDEX "OrganisationJoinRequest_pending_phone" ON "OrganisationJoinRequest"("phone") WHERE "status" = 'PENDING';

-- A decided request has when it was decided, and a declined one its reason
ALTER TABLE "OrganisationJoinRequest" ADD CONSTRAINT "OrganisationJoinRequest_decided" CHECK (("status" = 'PENDING') = ("decidedAt" IS NULL));
ALTER TABLE "OrganisationJoinRequest" ADD CONSTRAINT "OrganisationJoinRequest_declined_reason" CHECK ("status" <> 'DECLINED' OR length("reason") > 0);

-- 讲师团 (decision 034): each districts lecturer roster, the lecturers a 菜单 item names, the dispatch of an order to a
-- lecturer (派单) and their answer (接单 or decline), the sites rating of a delivered order (评单, once, 1 to 5), the
-- one-time links that join a lecturer to a resident account, and the files the storage module keeps.
-- CreateEnum
CREATE TYPE "DispatchAnswer" AS ENUM ('ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- AlterEnum
ALTER TYPE "MenuOrderStatus" ADD VALUE 'DISPATCHED';

-- AlterTable
ALTER TABLE "MenuOrder" ADD COLUMN     "lecturerId" TEXT,
ADD COLUMN     "ratedAt" TIMESTAMP(3),
ADD COLUMN     "rating" INTEGER,
ADD COLUMN     "ratingComment" TEXT;

-- CreateTable
CREATE TABLE "Lecturer" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "topics" TEXT[],
    "audiences" TEXT[],
    "travelsTo" TEXT[],
    "monthlyCapacity" INTEGER NOT NULL,
    "bio" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "photoFileId" TEXT,
    "residentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lecturer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MenuItemLecturer" (
    "menuItemId" TEXT NOT NULL,
    "lecturerId" TEXT NOT NULL,

    CONSTRAINT "MenuItemLecturer_pkey" PRIMARY KEY ("menuItemId","lecturerId")
);

-- CreateTable
CREATE TABLE "MenuOrderDispatch" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lecturerId" TEXT NOT NULL,
    "dispatchedById" TEXT,
    "dispatchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" "DispatchAnswer",
    "answeredAt" TIMESTAMP(3),
    "reason" TEXT,

    CONSTRAINT "MenuOrderDispatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LecturerLinkToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "lecturerId" TEXT NOT NULL,
    "issuedById" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LecturerLinkToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Lecturer_photoFileId_key" ON "Lecturer"("photoFileId");

-- CreateIndex
CREATE UNIQUE INDEX "Lecturer_residentId_key" ON "Lecturer"("residentId");

-- CreateIndex
CREATE INDEX "Lecturer_districtId_published_idx" ON "Lecturer"("districtId", "published");

-- CreateIndex
CREATE INDEX "MenuItemLecturer_lecturerId_idx" ON "MenuItemLecturer"("lecturerId");

-- CreateIndex
CREATE INDEX "MenuOrderDispatch_orderId_idx" ON "MenuOrderDispatch"("orderId");

-- CreateIndex
CREATE INDEX "MenuOrderDispatch_lecturerId_dispatchedAt_idx" ON "MenuOrderDispatch"("lecturerId", "dispatchedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LecturerLinkToken_tokenHash_key" ON "LecturerLinkToken"("tokenHash");

-- CreateIndex
CREATE INDEX "LecturerLinkToken_lecturerId_idx" ON "LecturerLinkToken"("lecturerId");

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_key_key" ON "StoredFile"("key");

-- CreateIndex
CREATE INDEX "MenuOrder_lecturerId_status_idx" ON "MenuOrder"("lecturerId", "status");

-- AddForeignKey
ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_lecturerId_fkey" FOREIGN KEY ("lecturerId") REFERENCES "Lecturer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lecturer" ADD CONSTRAINT "Lecturer_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lecturer" ADD CONSTRAINT "Lecturer_photoFileId_fkey" FOREIGN KEY ("photoFileId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lecturer" ADD CONSTRAINT "Lecturer_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MenuItemLecturer" ADD CONSTRAINT "MenuItemLecturer_menuItemId_fkey" FOREIGN KEY ("menuItemId") REFERENCES "MenuItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MenuItemLecturer" ADD CONSTRAINT "MenuItemLecturer_lecturerId_fkey" FOREIGN KEY ("lecturerId") REFERENCES "Lecturer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MenuOrderDispatch" ADD CONSTRAINT "MenuOrderDispatch_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "MenuOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MenuOrderDispatch" ADD CONSTRAINT "MenuOrderDispatch_lecturerId_fkey" FOREIGN KEY ("lecturerId") REFERENCES "Lecturer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MenuOrderDispatch" ADD CONSTRAINT "MenuOrderDispatch_dispatchedById_fkey" FOREIGN KEY ("dispatchedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LecturerLinkToken" ADD CONSTRAINT "LecturerLinkToken_lecturerId_fkey" FOREIGN KEY ("lecturerId") REFERENCES "Lecturer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LecturerLinkToken" ADD CONSTRAINT "LecturerLinkToken_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A rating is 1 to 5, and only a rated order has one.
ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_rating_range" CHECK ("rating" IS NULL OR ("rating" BETWEEN 1 AND 5 AND "ratedAt" IS NOT NULL));
ALTER TABLE "Lecturer" ADD CONSTRAINT "Lecturer_monthlyCapacity_range" CHECK ("monthlyCapacity" BETWEEN 0 AND 100);

-- 科普基地 (issue 27, decision 036): files attached to a 申报 or to a yearly report as evidence, and the scoring
-- sheet a district sets for a level (the level sheet stays the default for a district without one).
-- CreateTable
CREATE TABLE "BaseReviewSheet" (
    "districtId" TEXT NOT NULL,
    "levelKey" TEXT NOT NULL,
    "sheet" JSONB NOT NULL DEFAULT '[]',
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BaseReviewSheet_pkey" PRIMARY KEY ("districtId","levelKey")
);

-- CreateTable
CREATE TABLE "BaseAttachment" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT,
    "reviewId" TEXT,
    "key" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BaseAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BaseAttachment_key_key" ON "BaseAttachment"("key");

-- CreateIndex
CREATE INDEX "BaseAttachment_applicationId_idx" ON "BaseAttachment"("applicationId");

-- CreateIndex
CREATE INDEX "BaseAttachment_reviewId_idx" ON "BaseAttachment"("reviewId");

-- AddForeignKey
ALTER TABLE "BaseReviewSheet" ADD CONSTRAINT "BaseReviewSheet_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseReviewSheet" ADD CONSTRAINT "BaseReviewSheet_levelKey_fkey" FOREIGN KEY ("levelKey") REFERENCES "BaseLevel"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseReviewSheet" ADD CONSTRAINT "BaseReviewSheet_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseAttachment" ADD CONSTRAINT "BaseAttachment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BaseApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseAttachment" ADD CONSTRAINT "BaseAttachment_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "BaseReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseAttachment" ADD CONSTRAINT "BaseAttachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Exactly one record owns a file, and its size is a positive count of bytes
ALTER TABLE "BaseAttachment" ADD CONSTRAINT "BaseAttachment_one_owner" CHECK (("applicationId" IS NULL) <> ("reviewId" IS NULL));
ALTER TABLE "BaseAttachment" ADD CONSTRAINT "BaseAttachment_size" CHECK ("byteSize" > 0);

-- Spreadsheet import (decision 019). Venues and activities carry the key a district's own spreadsheet gives them
-- (编号 / 活动编号), so importing the same file again finds the same records. Sessions use their existing
-- per-activity key. An uploaded file waits, parsed, in SheetUpload between the preview and the import.
ALTER TABLE "Venue" ADD COLUMN "importKey" TEXT;
CREATE UNIQUE INDEX "Venue_importKey_key" ON "Venue"("importKey");

ALTER TABLE "Event" ADD COLUMN "importKey" TEXT;
CREATE UNIQUE INDEX "Event_importKey_key" ON "Event"("importKey");

CREATE TABLE "SheetUpload" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SheetUpload_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SheetUpload_userId_idx" ON "SheetUpload"("userId");
CREATE INDEX "SheetUpload_createdAt_idx" ON "SheetUpload"("createdAt");
ALTER TABLE "SheetUpload" ADD CONSTRAINT "SheetUpload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Spreadsheet import (decision 019). Venues and activities carry the key a district's own spreadsheet gives them
-- (编号 / 活动编号), so importing the same file again finds the same records. Sessions use their existing
-- per-activity key. An uploaded file waits, parsed, in SpreadsheetImport between the preview and the import.
ALTER TABLE "Venue" ADD COLUMN "importKey" TEXT;
CREATE UNIQUE INDEX "Venue_importKey_key" ON "Venue"("importKey");

ALTER TABLE "Event" ADD COLUMN "importKey" TEXT;
CREATE UNIQUE INDEX "Event_importKey_key" ON "Event"("importKey");

CREATE TABLE "SpreadsheetImport" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SpreadsheetImport_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SpreadsheetImport_userId_idx" ON "SpreadsheetImport"("userId");
CREATE INDEX "SpreadsheetImport_createdAt_idx" ON "SpreadsheetImport"("createdAt");
ALTER TABLE "SpreadsheetImport" ADD CONSTRAINT "SpreadsheetImport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Issue 24: the code budget of a phone is counted per requesting address (a keyed tag of it, never the address),
-- so a stranger spends only their own share, and an address that has proven the number before is not held by the
-- overall ceiling of the phone. No apostrophe or semicolon in these comments: the statement splitter reads them.
ALTER TABLE "PhoneCode" ADD COLUMN "requestedFrom" TEXT NOT NULL DEFAULT '';
CREATE INDEX "PhoneCode_phone_requestedFrom_createdAt_idx" ON "PhoneCode"("phone", "requestedFrom", "createdAt");

-- Issue 24: a phone's code budget is counted per requesting address (a keyed tag of it, never the address), so a
-- stranger spends only their own share; an address that has proven the number before is not held by the phone's
-- overall ceiling.
ALTER TABLE "PhoneCode" ADD COLUMN "requestedFrom" TEXT NOT NULL DEFAULT '';
CREATE INDEX "PhoneCode_phone_requestedFrom_createdAt_idx" ON "PhoneCode"("phone", "requestedFrom", "createdAt");

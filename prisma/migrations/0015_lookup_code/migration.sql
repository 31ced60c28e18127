-- 找回我的报名 by SMS code (issue 18): a code proves the phone, and the phone's registrations are listed.
ALTER TYPE "PhoneCodePurpose" ADD VALUE 'LOOKUP';

-- Group-robot webhooks that real robots accept: DingTalk's 加签 secret, sealed with the server's
-- key (the ID-number vault's secretbox); empty when the robot has no signature.
ALTER TABLE webhooks ADD COLUMN secret_enc TEXT NOT NULL DEFAULT '';

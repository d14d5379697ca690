-- Where a gate reading came from (issue 16): a handheld thermometer, or the infrared gate when the
-- policy allows it (gate_infrared_source). Readings stored before this migration were handheld.
ALTER TABLE gate_passes ADD COLUMN temperature_source TEXT NOT NULL DEFAULT 'handheld';

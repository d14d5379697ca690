// English texts of the family pages (see messages.ts); a chunk of its own, loaded on demand.
import { mergeMessages } from '@/i18n/core';
import enBase from '@/i18n/en';
import checksEn from '@/i18n/checks.en';
import returnFamilyEn from '@/i18n/return-family.en';

export default mergeMessages(enBase, checksEn, returnFamilyEn);

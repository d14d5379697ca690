// The family pages' texts: the base texts (errors, enums, the family home) and the areas the
// family pages show (the morning report, the return declaration and letters). The other locale is
// loaded when the family picks it (loadFamilyMessages), so a phone downloads one language.
import { mergeMessages } from '@/i18n/core';
import zhCNBase from '@/i18n/zh-CN';
import checksZh from '@/i18n/checks.zh-CN';
import returnFamilyZh from '@/i18n/return-family.zh-CN';

export default mergeMessages(zhCNBase, checksZh, returnFamilyZh);

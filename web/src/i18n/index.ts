// The staff app's texts: every area's messages, installed into the shared instance (core.ts).
import { i18n, mergeMessages } from './core';
import zhCNBase from './zh-CN';
import enBase from './en';
// Each area of the daily loop keeps its texts in a file of its own, merged here.
import checksZh from './checks.zh-CN';
import checksEn from './checks.en';
import schoolOpsZh from './school-ops.zh-CN';
import schoolOpsEn from './school-ops.en';
import bureauZh from './bureau.zh-CN';
import bureauEn from './bureau.en';
import returnFamilyZh from './return-family.zh-CN';
import returnFamilyEn from './return-family.en';
import returnSchoolZh from './return-school.zh-CN';
import returnSchoolEn from './return-school.en';
import returnBureauZh from './return-bureau.zh-CN';
import returnBureauEn from './return-bureau.en';
import auditPolicyZh from './audit-policy.zh-CN';
import auditPolicyEn from './audit-policy.en';

const zhCN = mergeMessages(zhCNBase, checksZh, schoolOpsZh, bureauZh, returnFamilyZh, returnSchoolZh, returnBureauZh, auditPolicyZh) as typeof zhCNBase;
const en = mergeMessages(enBase, checksEn, schoolOpsEn, bureauEn, returnFamilyEn, returnSchoolEn, returnBureauEn, auditPolicyEn) as typeof enBase;

export const messages = { 'zh-CN': zhCN, en };
i18n.global.setLocaleMessage('zh-CN', zhCN);
i18n.global.setLocaleMessage('en', en);

export * from './core';

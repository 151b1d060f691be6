// @xianfeng/domain: the rules and words of 先锋, free of I/O and frameworks.
export * from './messages.ts';
export * from './normalize.ts';
export * from './dates.ts';
export * from './id-number.ts';
export * from './phone.ts';
export * from './password.ts';
export * from './units.ts';
export * from './access.ts';
export * from './member.ts';
export * from './pinyin.ts';
export * from './import-members.ts';
export * from './import-units.ts';
export * from './points.ts';
export * from './points-catalogue.ts';
export * from './calendar.ts';
export * from './stars.ts';
export * from './pipeline.ts';

// One schema, split by area. Each area file owns its tables; this file is what drizzle and the app import.
export * from './core';
export * from './evidence';
export * from './worksheets';
export * from './reports';
export * from './dashboards';
export * from './quality';
export * from './qa-outcomes';
export * from './reviews';
export * from './records';
export * from './notifications';
export * from './links';
export * from './hours';
export * from './erasure';
export * from './badges';
export * from './captures';

export { default as common } from './common';
export { default as overview } from './overview';
export { default as pos } from './pos';
export { default as stock } from './stock';
export { default as catalogue } from './catalogue';
export { default as orders } from './orders';
export { default as reports } from './reports';

export * from './catalogue';
export * from './catalogue-product.entity';
export * from './demo-catalogue';

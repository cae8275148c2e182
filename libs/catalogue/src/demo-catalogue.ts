import { EntityManager } from 'typeorm';
import { CatalogueProduct } from './catalogue-product.entity';

/**
 * The demo catalogue and locations, shared by the services' demo data so that they agree: on a fresh
 * inventory database product ids are 1..30 in this order, the warehouse is location 1 and the
 * stores are locations 2..6.
 */
export const DEMO_CATEGORIES = ['Beverages', 'Snacks', 'Dairy', 'Bakery', 'Household', 'Personal care'];

export const DEMO_SUPPLIERS = [
  { name: 'Boissons de France', email: 'orders@boissons.example', phone: '+33 1 40 00 00 01' },
  { name: 'Epicerie Centrale', email: 'sales@epicerie.example', phone: '+33 4 72 00 00 02' },
  { name: 'Laiterie du Nord', email: 'contact@laiterie.example', phone: '+33 3 20 00 00 03' },
  { name: 'Maison Propre', email: 'b2b@maisonpropre.example', phone: '+33 5 56 00 00 04' },
];

/** The warehouse comes first so that it is location 1, as the seed document's examples assume. */
export const DEMO_LOCATIONS = [
  { code: 'WH-CENTRAL', name: 'Central warehouse', type: 'WAREHOUSE' as const, address: '12 rue des Entrepôts, 94150 Rungis' },
  { code: 'ST-PARIS', name: 'Paris Rivoli', type: 'STORE' as const, address: '80 rue de Rivoli, 75004 Paris' },
  { code: 'ST-LYON', name: 'Lyon Part-Dieu', type: 'STORE' as const, address: '17 rue du Docteur Bouchut, 69003 Lyon' },
  { code: 'ST-MARSEILLE', name: 'Marseille Vieux-Port', type: 'STORE' as const, address: '5 quai du Port, 13002 Marseille' },
  { code: 'ST-LILLE', name: 'Lille Grand Place', type: 'STORE' as const, address: '2 place du Général de Gaulle, 59800 Lille' },
  {
    code: 'ST-BORDEAUX',
    name: 'Bordeaux Sainte-Catherine',
    type: 'STORE' as const,
    address: '40 rue Sainte-Catherine, 33000 Bordeaux',
  },
];

export const DEMO_PRODUCTS: Array<[sku: string, name: string, category: number, supplier: number, price: string]> = [
  ['BEV-COLA-33', 'Cola 33cl', 0, 0, '1.20'],
  ['BEV-WATER-150', 'Still water 1.5l', 0, 0, '0.65'],
  ['BEV-OJ-100', 'Orange juice 1l', 0, 0, '2.49'],
  ['BEV-COFFEE-250', 'Ground coffee 250g', 0, 1, '4.95'],
  ['BEV-TEA-25', 'Green tea, 25 bags', 0, 1, '3.10'],
  ['SNK-CHIPS-150', 'Salted crisps 150g', 1, 1, '1.89'],
  ['SNK-CHOC-100', 'Dark chocolate 100g', 1, 1, '2.25'],
  ['SNK-NUTS-200', 'Mixed nuts 200g', 1, 1, '3.99'],
  ['SNK-BISC-300', 'Butter biscuits 300g', 1, 1, '2.15'],
  ['SNK-BAR-6', 'Cereal bars x6', 1, 1, '2.79'],
  ['DAI-MILK-1L', 'Semi-skimmed milk 1l', 2, 2, '1.05'],
  ['DAI-BUTTER-250', 'Butter 250g', 2, 2, '2.60'],
  ['DAI-YOG-4', 'Plain yoghurt x4', 2, 2, '1.75'],
  ['DAI-CHEESE-200', 'Comté 200g', 2, 2, '4.40'],
  ['DAI-CREAM-20', 'Crème fraîche 20cl', 2, 2, '1.35'],
  ['BAK-BAGUETTE', 'Baguette', 3, 1, '0.95'],
  ['BAK-CROISSANT-4', 'Croissants x4', 3, 1, '2.80'],
  ['BAK-BRIOCHE-400', 'Brioche 400g', 3, 1, '2.95'],
  ['BAK-BREAD-500', 'Wholemeal loaf 500g', 3, 1, '2.10'],
  ['HOU-DISH-500', 'Dish soap 500ml', 4, 3, '1.99'],
  ['HOU-LAUNDRY-2L', 'Laundry liquid 2l', 4, 3, '7.49'],
  ['HOU-SPONGE-3', 'Sponges x3', 4, 3, '1.49'],
  ['HOU-TOWEL-4', 'Kitchen towels x4', 4, 3, '3.25'],
  ['HOU-BAGS-20', 'Bin bags x20', 4, 3, '2.69'],
  ['PER-SHAMPOO-250', 'Shampoo 250ml', 5, 3, '3.49'],
  ['PER-SOAP-2', 'Soap bars x2', 5, 3, '1.99'],
  ['PER-TOOTH-75', 'Toothpaste 75ml', 5, 3, '2.29'],
  ['PER-DEO-150', 'Deodorant 150ml', 5, 3, '2.99'],
  ['PER-TISSUE-10', 'Tissues x10', 5, 3, '1.59'],
  ['PER-RAZOR-4', 'Razors x4', 5, 3, '5.90'],
];

/**
 * Demo data of a service that keeps a catalogue copy: the demo catalogue as inventory's demo data
 * numbers it (products 1..30, categories 1..6 in list order), as the oldest possible version, so that
 * any real event from inventory replaces it. Rows already there are left alone.
 */
export async function seedCatalogueCopy(manager: EntityManager): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(CatalogueProduct)
    .values(
      DEMO_PRODUCTS.map(([sku, name, category, , price], index) => ({
        productId: index + 1,
        sku,
        name,
        categoryId: category + 1,
        categoryName: DEMO_CATEGORIES[category],
        price,
        active: true,
        sourceUpdatedAt: new Date(0),
      })),
    )
    .orIgnore()
    .execute();
}

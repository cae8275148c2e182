import { DataSource } from 'typeorm';
import { Category } from '../categories/category.entity';
import { Location, LocationType } from '../locations/location.entity';
import { Product } from '../products/product.entity';
import { StockLevel } from '../stock/stock-level.entity';
import { Supplier } from '../suppliers/supplier.entity';

const CATEGORIES = ['Beverages', 'Snacks', 'Dairy', 'Bakery', 'Household', 'Personal care'];

const SUPPLIERS = [
  { name: 'Boissons de France', email: 'orders@boissons.example', phone: '+33 1 40 00 00 01' },
  { name: 'Epicerie Centrale', email: 'sales@epicerie.example', phone: '+33 4 72 00 00 02' },
  { name: 'Laiterie du Nord', email: 'contact@laiterie.example', phone: '+33 3 20 00 00 03' },
  { name: 'Maison Propre', email: 'b2b@maisonpropre.example', phone: '+33 5 56 00 00 04' },
];

/** The warehouse comes first so that it is location 1, as the seed document's examples assume. */
const LOCATIONS = [
  { code: 'WH-CENTRAL', name: 'Central warehouse', type: LocationType.Warehouse, address: '12 rue des Entrepôts, 94150 Rungis' },
  { code: 'ST-PARIS', name: 'Paris Rivoli', type: LocationType.Store, address: '80 rue de Rivoli, 75004 Paris' },
  { code: 'ST-LYON', name: 'Lyon Part-Dieu', type: LocationType.Store, address: '17 rue du Docteur Bouchut, 69003 Lyon' },
  { code: 'ST-MARSEILLE', name: 'Marseille Vieux-Port', type: LocationType.Store, address: '5 quai du Port, 13002 Marseille' },
  { code: 'ST-LILLE', name: 'Lille Grand Place', type: LocationType.Store, address: '2 place du Général de Gaulle, 59800 Lille' },
  { code: 'ST-BORDEAUX', name: 'Bordeaux Sainte-Catherine', type: LocationType.Store, address: '40 rue Sainte-Catherine, 33000 Bordeaux' },
];

// [sku, name, category index, supplier index, price]
const PRODUCTS: Array<[string, string, number, number, string]> = [
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
 * Demo catalogue, locations and stock. Deterministic, so the seed document's examples
 * (products 1 and 5 in stock at the warehouse) always hold. Does nothing if products exist.
 */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    if ((await manager.getRepository(Product).count()) > 0) return;
    const categories = await manager.getRepository(Category).save(CATEGORIES.map((name) => ({ name, description: null })));
    const suppliers = await manager.getRepository(Supplier).save(SUPPLIERS);
    const locations = await manager.getRepository(Location).save(LOCATIONS);
    const products = await manager.getRepository(Product).save(
      PRODUCTS.map(([sku, name, category, supplier, price]) => ({
        sku,
        name,
        description: null,
        categoryId: categories[category].id,
        supplierId: suppliers[supplier].id,
        price,
        active: true,
      })),
    );
    const levels = products.flatMap((product, p) =>
      locations.map((location, l) => ({
        productId: product.id,
        locationId: location.id,
        // The warehouse holds hundreds; stores a few dozen, with a couple of low-stock lines.
        onHand: location.type === LocationType.Warehouse ? 200 + ((p * 37) % 300) : (p * 7 + l * 11) % 60,
        reserved: 0,
        reorderLevel: location.type === LocationType.Warehouse ? 50 : 10,
      })),
    );
    await manager.getRepository(StockLevel).insert(levels);
  });
}

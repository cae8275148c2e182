import { seedCatalogueCopy } from '@app/catalogue';
import { DataSource } from 'typeorm';
import { Customer } from '../customers/customer.entity';
import { seedOrderHistory } from './order-history';

/** Ids are explicit: the seed document's examples use customers 1 and 123 (and 99999 as one that does not exist). */
const DEMO_CUSTOMERS: Array<Pick<Customer, 'id' | 'name' | 'email' | 'phone'>> = [
  { id: 1, name: 'Camille Martin', email: 'camille.martin@example.com', phone: '+33 6 12 34 56 78' },
  { id: 2, name: 'Lucas Bernard', email: 'lucas.bernard@example.com', phone: '+33 6 23 45 67 89' },
  { id: 3, name: 'Chloé Dubois', email: 'chloe.dubois@example.com', phone: null },
  { id: 4, name: 'Hugo Thomas', email: 'hugo.thomas@example.com', phone: '+33 7 34 56 78 90' },
  { id: 5, name: 'Léa Robert', email: 'lea.robert@example.com', phone: '+33 6 45 67 89 01' },
  { id: 6, name: 'Louis Richard', email: 'louis.richard@example.com', phone: null },
  { id: 7, name: 'Manon Petit', email: 'manon.petit@example.com', phone: '+33 6 56 78 90 12' },
  { id: 8, name: 'Gabriel Durand', email: 'gabriel.durand@example.com', phone: '+33 7 67 89 01 23' },
  { id: 9, name: 'Inès Leroy', email: 'ines.leroy@example.com', phone: null },
  { id: 10, name: 'Arthur Moreau', email: 'arthur.moreau@example.com', phone: '+33 6 78 90 12 34' },
  { id: 11, name: 'Jade Simon', email: 'jade.simon@example.com', phone: '+33 6 89 01 23 45' },
  { id: 123, name: 'Nathan Laurent', email: 'nathan.laurent@example.com', phone: '+33 6 90 12 34 56' },
];

/**
 * Demo customers, the demo catalogue as inventory's seed numbers it (so that carts and orders work
 * before inventory's first product event arrives) and a month of confirmed orders. Does nothing if
 * customers exist.
 */
export async function seedDemoData(dataSource: DataSource, now = new Date()): Promise<void> {
  await dataSource.transaction(async (manager) => {
    if ((await manager.getRepository(Customer).count()) > 0) return;
    // Raw SQL: TypeORM leaves generated ids to the database, and these are given.
    await manager.query(
      `INSERT INTO customers (id, name, email, phone)
       SELECT id, name, email, phone FROM jsonb_to_recordset($1::jsonb) AS c(id int, name text, email text, phone text)`,
      [JSON.stringify(DEMO_CUSTOMERS)],
    );
    // Given ids leave the sequence behind: move it past them, or the next customer collides.
    await manager.query(`SELECT setval(pg_get_serial_sequence('customers', 'id'), (SELECT max(id) FROM customers))`);
    await seedCatalogueCopy(manager);
    await seedOrderHistory(
      manager,
      DEMO_CUSTOMERS.map((customer) => customer.id),
      now,
    );
  });
}

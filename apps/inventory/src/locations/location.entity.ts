import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum LocationType {
  Store = 'STORE',
  Warehouse = 'WAREHOUSE',
}

/** A store, or the central warehouse that serves online orders. */
@Entity('locations')
export class Location {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 30, unique: true }) code!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'enum', enum: LocationType, enumName: 'location_type' }) type!: LocationType;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

/**
 * What other plugins may import from the fleet plugin: its event types and its service interface.
 * (A real plugin publishes this file as its package's `./contract` entry.)
 */
import { serviceRef } from '@bureau/core';

/** Emitted when a vehicle is registered. */
export const VEHICLE_ADDED = 'fleet.vehicle_added';
export interface VehicleAdded {
  vehicleId: string;
  plate: string;
}

/** The fleet's register, callable from other plugins with `ctx.use(fleetRegister)`. */
export interface FleetRegister {
  count(): Promise<number>;
}

export const fleetRegister = serviceRef<FleetRegister>('fleet', 'register');

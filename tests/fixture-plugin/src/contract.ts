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

/** Emitted by the vehicle workflow when a vehicle is retired (`<plugin>.<entity>.<transition>`). */
export const VEHICLE_RETIRED = 'fleet.vehicle.retire';
export interface VehicleRetired {
  id: string;
  entityType: 'fleet.vehicle';
  transition: 'retire';
  from: string;
  to: string;
  actor: { kind: 'user' | 'token'; userId: string | null } | null;
}

/** The fleet's register, callable from other plugins with `ctx.use(fleetRegister)`. */
export interface FleetRegister {
  count(): Promise<number>;
  /** Retires a vehicle through its workflow (the caller's permission applies in a request); answers the new state. */
  retire(id: string, reason: 'sold' | 'scrapped' | 'stolen' | 'registration_expired'): Promise<string>;
}

export const fleetRegister = serviceRef<FleetRegister>('fleet', 'register');

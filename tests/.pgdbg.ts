import { startThrowawayPostgres } from './support/postgres.ts';
import pg from 'pg';
const p = await startThrowawayPostgres();
const c = new pg.Client(p.url); await c.connect(); console.log((await c.query('show fsync')).rows); await c.end();
await p.stop(); await p.start(); 
const d = new pg.Client(p.url); await d.connect(); console.log((await d.query('select 1 as x')).rows); await d.end();
await p.destroy(); console.log('ok');

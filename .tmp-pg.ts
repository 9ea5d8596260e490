import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
(async () => {
  for (const relaxed of [false, true]) {
    const dir = `/tmp/pgbench-${relaxed}`; fs.rmSync(dir, { recursive: true, force: true });
    const db = new PGlite(dir, { relaxedDurability: relaxed });
    await db.exec(`create table u (id uuid primary key, email text, name text, role text, active boolean); insert into u select gen_random_uuid(), 'a'||g||'@x', 'n', 'learner', true from generate_series(1,100) g;`);
    const [{ id }] = (await db.query<{ id: string }>('select id from u limit 1')).rows;
    for (let i = 0; i < 200; i++) await db.query('select id,email,name,role from u where id = $1 and active', [id]);
    const N = 2000; const t = performance.now();
    for (let i = 0; i < N; i++) await db.query('select id,email,name,role from u where id = $1 and active', [id]);
    console.log('relaxed', relaxed, ((performance.now() - t) / N).toFixed(3), 'ms/query');
    await db.close();
  }
})();

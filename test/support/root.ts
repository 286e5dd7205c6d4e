// The repository root, found from the compiled test file (out/test/...) or the working directory.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function findRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      const pkg = path.join(dir, 'package.json');
      if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'tsconfig.json')) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'factmark') return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error('repository root (package.json "factmark") not found');
}

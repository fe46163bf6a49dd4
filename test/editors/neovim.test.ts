// The Neovim configurations of docs/editors.md, run in a real Neovim: `nvim --headless --clean -u init.lua`
// where init.lua is the block copied from the page unchanged, followed by a small probe. The block's
// `nianbao` command is a shim on PATH that runs `node <repo>/dist/cli.js "$@"`. The probe waits (vim.wait,
// bounded) for Neovim's own diagnostics of a copy of examples/xibao-2023.txt and of its Markdown rendering,
// asks for and applies the title-year quick fix, writes everything as JSON and quits; the test compares it
// with `nianbao check --format json` on the same files. Each block runs only on the Neovim versions it is
// written for; the others are skipped with the reason. No nvim or server process outlives a test: every
// process started under it carries a marker in its environment, and any left is killed and fails the test.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { CLI_JS, docBlock, docBlocks, replaceOnce, ROOT } from './docs';

/** Bound of each wait inside Neovim (diagnostics, code action), and of a whole nvim run. */
const WAIT_MS = Number(process.env.NIANBAO_NVIM_WAIT_MS) || 20_000;
const RUN_MS = WAIT_MS * 3 + 10_000;

const TXT = join(ROOT, 'examples', 'xibao-2023.txt');
const MD = join(ROOT, 'test', 'fixtures', 'md', '004.md');

type Version = [number, number, number];

function nvimVersion(): Version | null {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (r.error || r.status !== 0) return null;
  const m = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(r.stdout);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}
const NVIM = nvimVersion();
const show = (v: Version | [number, number]) => v.join('.');
const atLeast = (v: Version, min: [number, number]) => v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);

/** The documented variants and the Neovim versions each is written for (`below` excluded). */
const VARIANTS: { tag: string; min: [number, number]; below?: [number, number] }[] = [
  { tag: 'neovim-0.7', min: [0, 7], below: [0, 11] },
  { tag: 'neovim-0.8', min: [0, 8] },
  { tag: 'neovim-0.11', min: [0, 11] },
];

function skipReason(min: [number, number], below?: [number, number]): string | false {
  if (process.platform === 'win32') return 'the test runs Neovim through a POSIX shell shim; not on Windows';
  if (!NVIM) return 'nvim is not on PATH (apt-get install neovim): the Neovim configurations of docs/editors.md were not run';
  if (!atLeast(NVIM, min)) return `this configuration needs Neovim ${show(min)}+, and the nvim on PATH is ${show(NVIM)}`;
  if (below && atLeast(NVIM, below)) return `this configuration is for Neovim below ${show(below)}, and the nvim on PATH is ${show(NVIM)}`;
  return false;
}

// ---- processes ----------------------------------------------------------------------------------------

const live = new Set<number>();
process.on('exit', () => {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

/** Processes whose environment carries `NIANBAO_EDITOR_TEST=marker` (Linux; elsewhere none are found). */
function marked(marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const needle = `\0NIANBAO_EDITOR_TEST=${marker}\0`;
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (`\0${readFileSync(`/proc/${name}/environ`, 'latin1')}`.includes(needle)) pids.push(Number(name));
    } catch {
      /* exited, or not ours to read */
    }
  }
  return pids;
}

/** Waits up to 5 s for the marked processes to end, then kills those left and returns their pids. */
async function reap(marker: string): Promise<number[]> {
  const until = Date.now() + 5_000;
  let left = marked(marker);
  while (left.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = marked(marker);
  }
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  return left;
}

// ---- one Neovim run -------------------------------------------------------------------------------------

interface NvimDiagnostic {
  code: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source: string;
  message: string;
}
interface ProbeFile {
  path: string;
  filetype: string;
  arrived: boolean;
  clients: { id: number; name: string; root_dir: string }[];
  diagnostics: NvimDiagnostic[];
}
interface ProbeResult {
  error?: string;
  files: ProbeFile[];
  actions?: { title: string; kind: string; isPreferred: boolean }[];
  applied?: string;
  fixedLine?: string;
  cleared?: boolean;
  afterFix?: NvimDiagnostic[];
  symbols?: { name: string; children: number }[];
}

/** Lua tables come back from vim.json as `{}` when empty. */
const list = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);

/** Appended to the documented block: the probe, which is not part of the configuration. */
function probeLua(params: object): string {
  return `
-- ---- test probe (test/editors/neovim.test.ts), not part of the documented configuration ----
local P = vim.json.decode([==[${JSON.stringify(params)}]==])
local published = {} -- uri -> the diagnostics as the server sent them (UTF-16 ranges, data)
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then published[result.uri] = result.diagnostics end
  return publish(err, result, ctx, config)
end

local function diagnostics(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, { code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message })
  end
  return out
end

local function attached(buf)
  local out = {}
  for _, c in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
    if vim.lsp.buf_is_attached(buf, c.id) then
      table.insert(out, { id = c.id, name = c.name, root_dir = c.config.root_dir })
    end
  end
  return out
end

local function has(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return true end
  end
  return false
end

function _G.nianbao_probe()
  local result = { files = {} }
  local ok, err = pcall(function()
    for i, f in ipairs(P.files) do
      if i > 1 then vim.cmd('edit ' .. vim.fn.fnameescape(f.path)) end
      local buf = vim.api.nvim_get_current_buf()
      local arrived = vim.wait(P.wait, function()
        if #vim.diagnostic.get(buf) < f.expected then return false end
        for _, code in ipairs(f.absent or {}) do
          if has(buf, code) then return false end
        end
        return true
      end, 20)
      table.insert(result.files, { path = vim.api.nvim_buf_get_name(buf), filetype = vim.bo[buf].filetype,
        arrived = arrived, clients = attached(buf), diagnostics = diagnostics(buf) })
    end
    if not P.fix then return end
    vim.cmd('buffer ' .. vim.fn.bufnr(P.files[1].path))
    local buf = vim.api.nvim_get_current_buf()
    local uri = vim.uri_from_bufnr(buf)

    local symbols = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', { textDocument = { uri = uri } }, P.wait) or {}
    result.symbols = {}
    for _, r in pairs(symbols) do
      for _, s in ipairs(r.result or {}) do
        table.insert(result.symbols, { name = s.name, children = #(s.children or {}) })
      end
    end

    local target
    for _, d in ipairs(published[uri] or {}) do
      if d.code == P.fix then target = d end
    end
    assert(target, 'the server published no ' .. P.fix .. ' diagnostic for ' .. uri)
    local params = { textDocument = { uri = uri }, range = target.range, context = { diagnostics = { target } } }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, P.wait) or {}
    local chosen, encoding
    result.actions = {}
    for id, r in pairs(responses) do
      for _, a in ipairs(r.result or {}) do
        table.insert(result.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred == true })
        if not chosen and a.kind == 'quickfix' and a.isPreferred and a.edit then
          chosen, encoding = a, vim.lsp.get_client_by_id(id).offset_encoding
        end
      end
    end
    if not chosen then return end
    result.applied = chosen.title
    vim.lsp.util.apply_workspace_edit(chosen.edit, encoding)
    local line = target.range.start.line
    result.fixedLine = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
    result.cleared = vim.wait(P.wait, function() return #vim.diagnostic.get(buf) > 0 and not has(buf, P.fix) end, 20)
    result.afterFix = diagnostics(buf)
  end)
  if not ok then result.error = tostring(err) end
  local out = assert(io.open(P.out, 'w'))
  out:write(vim.json.encode(result))
  out:close()
  vim.cmd('qa!')
end
`;
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh folder: reports/ (the copies, an empty .nianbao.json), bin/nianbao (the shim), XDG dirs. */
function workspace(): { dir: string; reports: string; bin: string } {
  assert.ok(existsSync(CLI_JS), `${CLI_JS} is missing: run \`npm run build\` before the editor tests`);
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'nianbao-nvim-')));
  dirs.push(dir);
  const reports = join(dir, 'reports');
  const bin = join(dir, 'bin');
  for (const d of [reports, bin, join(dir, 'xdg')]) mkdirSync(d, { recursive: true });
  writeFileSync(join(reports, '.nianbao.json'), '{}\n');
  copyFileSync(TXT, join(reports, basename(TXT)));
  copyFileSync(MD, join(reports, 'xibao-2023.md'));
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(join(bin, 'nianbao'), `#!/bin/sh\nexec ${q(process.execPath)} ${q(CLI_JS)} "$@"\n`);
  chmodSync(join(bin, 'nianbao'), 0o755);
  return { dir, reports, bin };
}

interface Run {
  result: ProbeResult;
  stderr: string;
  leftover: number[];
}

/** `expected`: how many diagnostics to wait for; `absent`: rule ids that must be gone before the snapshot. */
type ProbeTarget = { path: string; expected: number; absent?: string[] };

async function runNvim(ws: ReturnType<typeof workspace>, config: string, files: ProbeTarget[], fix: string | null): Promise<Run> {
  const out = join(ws.dir, 'probe.json');
  const init = join(ws.dir, 'init.lua');
  writeFileSync(init, config + probeLua({ out, wait: WAIT_MS, files, fix: fix ?? false })); // JSON null would be a truthy vim.NIL
  const marker = `${process.pid}-${basename(ws.dir)}`;
  const xdg = join(ws.dir, 'xdg');
  const env = {
    ...process.env,
    PATH: `${ws.bin}${delimiter}${process.env.PATH ?? ''}`,
    NIANBAO_EDITOR_TEST: marker,
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_STATE_HOME: join(xdg, 'state'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
  };
  const args = ['--headless', '--clean', '-n', '-u', init, files[0].path, '-c', 'lua nianbao_probe()'];
  const child = spawn('nvim', args, { cwd: ws.reports, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) live.add(child.pid);
  let stderr = '';
  child.stdout.on('data', () => {});
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, RUN_MS);
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  clearTimeout(timer);
  if (child.pid) live.delete(child.pid);
  const leftover = await reap(marker);
  if (timedOut) throw new Error(`nvim did not finish within ${RUN_MS} ms (killed); stderr: ${stderr}`);
  if (!existsSync(out)) throw new Error(`nvim wrote no probe result; stderr: ${stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as ProbeResult;
  result.files = list<ProbeFile>(result.files);
  for (const f of result.files) {
    f.diagnostics = list<NvimDiagnostic>(f.diagnostics);
    f.clients = list(f.clients);
  }
  return { result, stderr, leftover };
}

// ---- what the command line says --------------------------------------------------------------------------

interface CliDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function cliCheck(file: string, cwd: string, extra: string[] = []): CliDiagnostic[] {
  const r = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'json', ...extra, file], { cwd, encoding: 'utf8', timeout: 60_000 });
  assert.ok(r.status === 0 || r.status === 1, `nianbao check exited ${r.status}: ${r.stderr}`);
  const files = (JSON.parse(r.stdout) as { files: { diagnostics: CliDiagnostic[] }[] }).files;
  assert.equal(files.length, 1);
  return files[0].diagnostics;
}

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/**
 * The CLI's diagnostics as Neovim holds them: same 0-based lines, but columns in bytes of the UTF-8 line
 * (Neovim converts the server's UTF-16 positions), and numeric severities.
 */
function asNeovim(ds: CliDiagnostic[], text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const byte = (line: number, ch: number) => Buffer.byteLength((lines[line] ?? '').slice(0, ch), 'utf8');
  return ds
    .map((d) => {
      const { start, end } = d.range;
      return `${d.code} ${start.line}:${byte(start.line, start.character)}-${end.line}:${byte(end.line, end.character)} ${SEVERITY[d.severity]} ${d.message}`;
    })
    .sort();
}
const seen = (ds: NvimDiagnostic[]) => ds.map((d) => `${d.code} ${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col} ${d.severity} ${d.message}`).sort();

function assertClean(run: Run): void {
  assert.deepEqual(run.leftover, [], `processes left behind by nvim (killed): ${run.leftover.join(', ')}`);
  assert.equal(run.result.error, undefined, `the probe failed inside Neovim: ${run.result.error}\nstderr: ${run.stderr}`);
}

// ---- the tests -------------------------------------------------------------------------------------------

describe('docs/editors.md: Neovim', () => {
  const blocks = () => docBlocks().filter((b) => b.tag.startsWith('neovim-'));

  test('the page has the three Neovim blocks, each running `nianbao lsp --stdio`', () => {
    assert.deepEqual(blocks().map((b) => b.tag).sort(), VARIANTS.map((v) => v.tag).sort());
    for (const b of blocks()) {
      assert.equal(b.lang, 'lua');
      assert.match(b.code, /\{ 'nianbao', 'lsp', '--stdio' \}/, `${b.tag} runs \`nianbao lsp --stdio\``);
      assert.match(b.code, /'text', 'markdown'/, `${b.tag} covers text and markdown buffers`);
      assert.match(b.code, /'\.nianbao\.json', '\.git'/, `${b.tag} finds the root by .nianbao.json or .git`);
    }
  });

  test('the Lua of every Neovim block parses', { skip: skipReason([0, 7]) }, async () => {
    const ws = workspace();
    const checks: string[] = [];
    for (const b of blocks()) {
      const file = join(ws.dir, `${b.tag}.lua`);
      writeFileSync(file, b.code);
      checks.push(file);
    }
    const out = join(ws.dir, 'syntax.json');
    const lua = `local out = {}
for _, f in ipairs(vim.json.decode([==[${JSON.stringify(checks)}]==])) do
  local h = assert(io.open(f)); local src = h:read('*a'); h:close()
  local chunk, err = loadstring(src, '@' .. f)
  out[#out + 1] = { file = f, ok = chunk ~= nil, err = err }
end
local h = assert(io.open([==[${out}]==], 'w')); h:write(vim.json.encode(out)); h:close()
vim.cmd('qa!')`;
    writeFileSync(join(ws.dir, 'syntax.lua'), lua);
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${join(ws.dir, 'syntax.lua')}`], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    for (const c of JSON.parse(readFileSync(out, 'utf8')) as { file: string; ok: boolean; err?: string }[]) assert.ok(c.ok, `${basename(c.file)}: ${c.err}`);
  });

  for (const v of VARIANTS) {
    const skip = skipReason(v.min, v.below);
    describe(`${v.tag} block, run in nvim ${NVIM ? show(NVIM) : '(none)'}`, () => {
      test('same diagnostics as `nianbao check` on a .txt and a .md report; the title-year quick fix applies', { skip, timeout: RUN_MS + 30_000 }, async () => {
        const ws = workspace();
        const txt = join(ws.reports, basename(TXT));
        const md = join(ws.reports, 'xibao-2023.md');
        const expectTxt = cliCheck(txt, ws.reports);
        const expectMd = cliCheck(md, ws.reports);
        assert.ok(expectTxt.some((d) => d.code === 'title-year-missing'), 'the example has a title without its year');

        const run = await runNvim(ws, docBlock(v.tag).code, [{ path: txt, expected: expectTxt.length }, { path: md, expected: expectMd.length }], 'title-year-missing');
        assertClean(run);
        const [t, m] = run.result.files;

        // Neovim's own diagnostics: the CLI's rule ids, places, severities and messages.
        assert.equal(t.filetype, 'text');
        assert.equal(m.filetype, 'markdown');
        assert.ok(t.arrived && m.arrived, `diagnostics arrived in time (txt ${t.diagnostics.length}/${expectTxt.length}, md ${m.diagnostics.length}/${expectMd.length})\n${run.stderr}`);
        assert.deepEqual(seen(t.diagnostics), asNeovim(expectTxt, readFileSync(txt, 'utf8')));
        assert.deepEqual(seen(m.diagnostics), asNeovim(expectMd, readFileSync(md, 'utf8')));
        for (const d of [...t.diagnostics, ...m.diagnostics]) assert.equal(d.source, 'nianbao');

        // One server for the folder holding .nianbao.json, shared by both buffers.
        assert.equal(t.clients.length, 1, 'one client attached to the .txt');
        assert.deepEqual(m.clients, t.clients, 'the .md shares the client of the .txt');
        assert.equal(t.clients[0].name, 'nianbao');
        assert.equal(realpathSync(t.clients[0].root_dir), ws.reports);

        // Outline: the report's title with the sections under it.
        assert.ok(list(run.result.symbols).length > 0, 'document symbols');

        // The quick fix: offered, applied by Neovim at the right UTF-16 position, and the diagnostic goes.
        const actions = list<{ title: string; kind: string; isPreferred: boolean }>(run.result.actions);
        assert.ok(actions.some((a) => a.kind === 'quickfix' && a.isPreferred && a.title === '在标题中写明年份 2023'), `actions: ${JSON.stringify(actions)}`);
        assert.equal(run.result.applied, '在标题中写明年份 2023');
        assert.equal(run.result.fixedLine, '西堡镇 2023 年政府信息公开工作年度报告');
        assert.ok(run.result.cleared, 'title-year-missing is gone after the fix');
        assert.deepEqual(
          list<NvimDiagnostic>(run.result.afterFix).map((d) => d.code).sort(),
          expectTxt.map((d) => d.code).filter((c) => c !== 'title-year-missing').sort(),
        );
      });

      test('init_options.locale and settings.nianbao.rules reach the server', { skip, timeout: RUN_MS + 30_000 }, async () => {
        const ws = workspace();
        const txt = join(ws.reports, basename(TXT));
        const rules = { 'fee-statement-missing': 'off', 'title-year-missing': 'error' };
        let config = docBlock(v.tag).code;
        config = replaceOnce(config, `init_options = { locale = 'zh-cn' }`, `init_options = { locale = 'en' }`);
        config = replaceOnce(
          config,
          `settings = { nianbao = { validate = 'auto' } }`,
          `settings = { nianbao = { validate = 'auto', rules = { ['fee-statement-missing'] = 'off', ['title-year-missing'] = 'error' } } }`,
        );
        const cfg = join(ws.dir, 'rules.json');
        writeFileSync(cfg, JSON.stringify({ rules }));
        const expected = cliCheck(txt, ws.reports, ['--locale', 'en', '--config', cfg]);
        assert.ok(!expected.some((d) => d.code === 'fee-statement-missing'));
        assert.equal(expected.find((d) => d.code === 'title-year-missing')?.severity, 'error');

        const run = await runNvim(ws, config, [{ path: txt, expected: expected.length, absent: ['fee-statement-missing'] }], null);
        assertClean(run);
        const [t] = run.result.files;
        assert.ok(t.arrived, `diagnostics arrived in time (${t.diagnostics.length}/${expected.length})\n${run.stderr}`);
        assert.deepEqual(seen(t.diagnostics), asNeovim(expected, readFileSync(txt, 'utf8')));
        assert.match(t.diagnostics.find((d) => d.code === 'title-year-missing')?.message ?? '', /^The title has no year/);
      });
    });
  }
});

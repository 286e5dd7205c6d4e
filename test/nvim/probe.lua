-- Neovim 0.7 as a third-party LSP client of the Factmark server (driven by nvim.test.ts).
-- Opens a seed, asks for hover and document symbols, appends a sentence with nvim_buf_set_lines
-- and asks again. Writes what it saw as JSON to $FACTMARK_OUT, then quits (cquit on error).
local server = os.getenv('FACTMARK_SERVER')
local file = os.getenv('FACTMARK_FILE')
local root = os.getenv('FACTMARK_WORKSPACE')
local out_path = os.getenv('FACTMARK_OUT')
local node = os.getenv('FACTMARK_NODE') or 'node'

local result = { steps = {} }

local function write_result()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function step(name)
  table.insert(result.steps, name)
end

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_option(buf, 'filetype', 'plaintext')

  local analyzed = {}
  local client_id = vim.lsp.start_client({
    name = 'factmark',
    cmd = { node, server, '--stdio' },
    root_dir = root,
    flags = { debounce_text_changes = 0 },
    settings = { factmark = { debounceMs = 20 } },
    handlers = {
      ['factmark/didAnalyze'] = function(_, params)
        table.insert(analyzed, params)
      end,
    },
  })
  assert(client_id, 'start_client failed')
  vim.lsp.buf_attach_client(buf, client_id)
  step('attached')

  local uri = vim.uri_from_bufnr(buf)
  local function analyzed_version(min_version)
    for _, a in ipairs(analyzed) do
      if a.uri == uri and a.version ~= vim.NIL and a.version >= min_version then
        return a
      end
    end
    return nil
  end

  assert(vim.wait(20000, function() return analyzed_version(0) ~= nil end, 10), 'no factmark/didAnalyze for the seed')
  local first = analyzed_version(0)
  result.first = { version = first.version, entities = first.entities, quotes = first.quotes, findings = first.findings }
  step('analyzed')

  local client = vim.lsp.get_client_by_id(client_id)
  result.capabilities = {
    hover = client.resolved_capabilities.hover,
    document_symbol = client.resolved_capabilities.document_symbol,
  }

  -- position (UTF-16) of the first occurrence of `needle` + `delta` bytes
  local function position_of(needle, delta)
    local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    for i, line in ipairs(lines) do
      local s = string.find(line, needle, 1, true)
      if s then
        local _, u16 = vim.str_utfindex(line, s - 1 + (delta or 0))
        return { line = i - 1, character = u16 }
      end
    end
    error('not in buffer: ' .. needle)
  end

  local function request(method, params)
    local responses, err = vim.lsp.buf_request_sync(buf, method, params, 10000)
    assert(responses, method .. ' failed: ' .. tostring(err))
    local r = responses[client_id]
    assert(r, method .. ': no response from factmark')
    assert(not r.err, method .. ': ' .. vim.inspect(r.err))
    return r.result
  end

  local function hover_at(needle, delta)
    local res = request('textDocument/hover', { textDocument = { uri = uri }, position = position_of(needle, delta) })
    if res == nil or res == vim.NIL then
      return vim.NIL
    end
    return res.contents.value
  end

  local function symbols()
    local res = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
    local groups = {}
    for _, g in ipairs(res or {}) do
      local children = {}
      for _, c in ipairs(g.children or {}) do
        local names = {}
        for _, cc in ipairs(c.children or {}) do
          table.insert(names, cc.name)
        end
        table.insert(children, { name = c.name, children = names })
      end
      table.insert(groups, { name = g.name, children = children })
    end
    return groups
  end

  result.before = {
    hover_entity = hover_at('Vladimir Putin', 2),
    hover_quote = hover_at('We are trying to restore', 3),
    symbols = symbols(),
  }
  step('before-edit')

  -- the edit: append a sentence with a new name and a quote (incremental didChange)
  local count = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, count, count, false, { 'German Chancellor Friedrich Merz said: "Europe will stand by Syria."' })
  local version_after = vim.lsp.util.buf_versions[buf]
  result.edited_version = version_after
  assert(vim.wait(20000, function() return analyzed_version(version_after) ~= nil end, 10), 'no didAnalyze after the edit')
  step('analyzed-after-edit')

  result.after = {
    hover_entity = hover_at('Friedrich Merz', 3),
    hover_quote = hover_at('will stand by', 2),
    symbols = symbols(),
  }
  result.diagnostics = #vim.diagnostic.get(buf)
  step('after-edit')

  vim.lsp.stop_client(client_id)
  result.ok = true
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  result.ok = false
  result.error = tostring(err)
end
pcall(write_result)
if ok then
  vim.cmd('qall!')
else
  vim.cmd('cquit 3')
end

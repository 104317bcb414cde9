-- Headless Neovim test of figlint lsp (Neovim 0.7's built-in client),
-- set up by the README's snippet (editors/neovim/figlint.lua, loaded
-- with -u): opens a broken PFOCR page, waits for figlint's diagnostics,
-- checks their places, applies the DOI quick fix through the client and
-- checks the buffer. Run by scripts/ci/nvim-lsp-test.sh; exits 0 on
-- success.
local page = _G.arg[1]
local function fail(msg)
  io.stderr:write('nvim-lsp-test: FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

vim.cmd('filetype on')
vim.cmd('edit ' .. vim.fn.fnameescape(page))
local buf = vim.api.nvim_get_current_buf()
if vim.bo[buf].filetype ~= 'markdown' then fail('filetype ' .. vim.bo[buf].filetype .. ', expected markdown') end
local client_id
vim.wait(20000, function()
  for id, c in pairs(vim.lsp.buf_get_clients(buf)) do
    if c.name == 'figlint' then client_id = id end
  end
  return client_id ~= nil
end, 50)
if not client_id then fail('the snippet attached no figlint client within 20 s') end

local function figlint_diags()
  return vim.diagnostic.get(buf, { namespace = vim.lsp.diagnostic.get_namespace(client_id) })
end
if not vim.wait(20000, function() return #figlint_diags() > 0 end, 50) then
  fail('no diagnostics within 20 s')
end

-- The line "organisms: [Mus musculus é🧬, Homo  sapiens]": the finding
-- about "Homo  sapiens" starts after a two-byte and a four-byte
-- character; Neovim's columns are bytes, the server's UTF-16 units.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function find_line(prefix)
  for i, l in ipairs(lines) do
    if l:sub(1, #prefix) == prefix then return i - 1, l end
  end
  fail('no line starting with ' .. prefix)
end
local org_lnum, org_line = find_line('organisms: ')
local homo_col = org_line:find("Homo  sapiens", 1, true) - 1
local doi_lnum, doi_line = find_line('doi: ')
local doi_col = doi_line:find('https://', 1, true) - 1
local found_homo, found_doi = false, nil
for _, d in ipairs(figlint_diags()) do
  if d.source ~= 'figlint' then fail('diagnostic source ' .. tostring(d.source)) end
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  if code == 'organism-name' and d.message:find('Homo  sapiens', 1, true) then
    found_homo = true
    if d.lnum ~= org_lnum or d.col ~= homo_col or d.end_lnum ~= org_lnum or d.end_col ~= #org_line - 1 then
      fail(string.format('organism-name at %d:%d-%d:%d, expected %d:%d-%d:%d', d.lnum, d.col, d.end_lnum, d.end_col,
        org_lnum, homo_col, org_lnum, #org_line - 1))
    end
  end
  if code == 'doi-format' then
    found_doi = d
    if d.lnum ~= doi_lnum or d.col ~= doi_col or d.end_col ~= #doi_line or d.severity ~= vim.diagnostic.severity.ERROR then
      fail(string.format('doi-format at %d:%d-%d severity %d, expected %d:%d-%d error', d.lnum, d.col, d.end_col,
        d.severity, doi_lnum, doi_col, #doi_line))
    end
  end
end
if not found_homo then fail('no organism-name diagnostic for "Homo  sapiens"') end
if not found_doi then fail('no doi-format diagnostic') end

-- The DOI's quick fix, applied by the client.
local client = vim.lsp.get_client_by_id(client_id)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = doi_lnum, character = 6 }, ['end'] = { line = doi_lnum, character = 6 } },
  context = { diagnostics = {}, only = { 'quickfix' } },
}
local resp = client.request_sync('textDocument/codeAction', params, 20000, buf)
if not resp or resp.err then fail('codeAction: ' .. vim.inspect(resp)) end
local fix
for _, a in ipairs(resp.result or {}) do
  if a.title == 'replace with the normalised DOI' then fix = a end
end
if not fix then fail('no DOI quick fix among ' .. vim.inspect(resp.result)) end
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
local fixed = vim.api.nvim_buf_get_lines(buf, doi_lnum, doi_lnum + 1, false)[1]
if fixed ~= 'doi: 10.1016/j.apsb.2022.12.006' then fail('after the fix the line is ' .. fixed) end

-- The server lints the changed buffer: the DOI finding goes.
local gone = vim.wait(20000, function()
  for _, d in ipairs(figlint_diags()) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == 'doi-format' then return false end
  end
  return true
end, 50)
if not gone then fail('the doi-format diagnostic stayed after the fix') end

client.stop()
io.stdout:write('nvim-lsp-test: ok (diagnostics at the right places, the DOI quick fix applied)\n')
vim.cmd('qall!')

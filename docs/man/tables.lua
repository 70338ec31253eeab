-- tables.lua: a pandoc filter for the man page. A wide table reads badly in
-- 80 columns, so each row becomes a definition-list item (.TP in man): the
-- first cell is the term, the last cell its text, and the cells between
-- follow it under their column headings ("... Type: URL; default: /.").
local function inlines(cell) return pandoc.utils.blocks_to_inlines(cell.contents) end

function Table(tbl)
  local headings = {}
  for i, cell in ipairs(tbl.head.rows[1].cells) do
    headings[i] = pandoc.utils.stringify(cell.contents)
  end
  local items = {}
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      local cells = row.cells
      local text = inlines(cells[#cells])
      if #cells > 2 then
        if not pandoc.utils.stringify(text):match("%.$") then text:insert(pandoc.Str(".")) end
        for i = 2, #cells - 1 do
          text:insert(pandoc.Space())
          text:insert(pandoc.Str((i == 2 and headings[i] or headings[i]:lower()) .. ":"))
          text:insert(pandoc.Space())
          text:extend(inlines(cells[i]))
          text:insert(pandoc.Str(i == #cells - 1 and "." or ";"))
        end
      end
      items[#items + 1] = { inlines(cells[1]), { pandoc.Plain(text) } }
    end
  end
  return pandoc.DefinitionList(items)
end

import { initAll } from '../govuk-frontend/govuk-frontend.min.js'

initAll()

// A table wider than the screen scrolls inside itself (safeboard.css). Let the keyboard reach
// it, so that a person who cannot use a pointer can scroll it too, and name it by its caption.
function focusableScrollingTables () {
  for (const table of document.querySelectorAll('.govuk-table')) {
    const scrolls = table.scrollWidth > table.clientWidth + 1
    if (scrolls && !table.hasAttribute('tabindex')) {
      table.setAttribute('tabindex', '0')
      table.dataset.sbScrolls = 'true'
    } else if (!scrolls && table.dataset.sbScrolls === 'true') {
      table.removeAttribute('tabindex')
      delete table.dataset.sbScrolls
    }
  }
}

focusableScrollingTables()
window.addEventListener('resize', focusableScrollingTables)

// Library pictures in the story body editor: an inline image and a gallery,
// each stored as the empty reference figure of articles/media/references.py
// (`<figure data-image="42" data-layout="inset">`, `<figure data-gallery="4,2">`)
// and shown here as thumbnails. Pictures are chosen in the library's own admin
// list, opened as Django's raw-id popup, where "Add image" uploads a new one.
import { Node, updateAttrsDialog } from "django-prose-editor/editor"

let inputs = 0

function chooseFromLibrary(input, chooserUrl, { several = false } = {}) {
  if (!input.id) {
    input.id = `library-choice-${++inputs}`
  }
  // Django's popup appends to an input with this class, and replaces the
  // value of any other.
  input.classList.toggle("vManyToManyRawIdAdminField", several)
  const link = document.createElement("a")
  link.id = `lookup_${input.id}`
  const url = new URL(chooserUrl, window.location.href)
  url.searchParams.set("_to_field", "id")
  link.href = url.href
  if (window.showRelatedObjectLookupPopup) {
    window.showRelatedObjectLookupPopup(link)
  } else {
    url.searchParams.set("_popup", "1")
    window.open(url.href, `${input.id}__1`, "height=600,width=900,resizable=yes,scrollbars=yes")
  }
}

function numbers(value) {
  return String(value || "")
    .split(/[\s,]+/)
    .filter((part) => /^\d+$/.test(part))
}

function thumbnail(previewUrl, number) {
  const img = document.createElement("img")
  img.src = previewUrl.replace("/0/", `/${number}/`)
  img.alt = `Library picture ${number}`
  img.loading = "lazy"
  return img
}

// Update the figure being edited, or insert a new one: after a selected
// picture or gallery rather than in its place.
function placeFigure(editor, type, selected, attrs) {
  const chain = editor.chain().focus()
  if (selected) {
    chain.updateAttributes(type, attrs).run()
    return
  }
  const { selection } = editor.state
  const content = { type, attrs }
  if (selection.node) {
    chain.insertContentAt(selection.to, content).run()
  } else {
    chain.insertContent(content).run()
  }
}

function selectedNode(editor, name) {
  const node = editor.state.selection.node
  return node && node.type.name === name ? node : null
}

function figureView(render) {
  return ({ node }) => {
    const dom = document.createElement("figure")
    dom.className = "library-figure"
    dom.contentEditable = "false"
    render(dom, node)
    return {
      dom,
      update(updated) {
        if (updated.type !== node.type) {
          return false
        }
        render(dom, updated)
        return true
      },
    }
  }
}

function label(text) {
  const caption = document.createElement("figcaption")
  caption.textContent = text
  return caption
}

export const LibraryImage = Node.create({
  name: "libraryImage",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { chooserUrl: "", previewUrl: "" }
  },

  addAttributes() {
    const data = (name, fallback = "") => ({
      default: fallback,
      parseHTML: (element) => element.getAttribute(`data-${name}`) || fallback,
      renderHTML: (attributes) => (attributes[name] ? { [`data-${name}`]: attributes[name] } : {}),
    })
    return {
      image: data("image"),
      layout: data("layout", "full"),
      caption: data("caption"),
      credit: data("credit"),
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-image]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const { previewUrl } = this.options
    return figureView((dom, node) => {
      const { image, layout, caption, credit } = node.attrs
      dom.replaceChildren(
        thumbnail(previewUrl, image),
        label(
          [
            `Picture ${image}`,
            layout === "inset" ? "inset" : "full width",
            caption || "library caption",
            credit ? `Photo: ${credit}` : "",
          ]
            .filter(Boolean)
            .join(" · "),
        ),
      )
      dom.dataset.layout = layout
    })
  },

  addCommands() {
    return {
      libraryImageDialog:
        () =>
        ({ editor }) => {
          const { chooserUrl } = this.options
          const selected = selectedNode(editor, this.name)
          const attrs = selected ? selected.attrs : {}
          updateAttrsDialog(
            {
              image: {
                type: "string",
                title: "Library picture",
                description: "Its number in the library: choose it, or upload a new one there.",
                required: true,
                picker: {
                  label: "Choose or upload…",
                  handler: ({ input }) => chooseFromLibrary(input, chooserUrl),
                },
              },
              inset: { type: "boolean", title: "Inset beside the text (otherwise full width)" },
              caption: {
                type: "string",
                title: "Caption",
                description: "Leave empty to use the library's.",
              },
              credit: {
                type: "string",
                title: "Photo credit",
                description: "Leave empty to use the library's.",
              },
            },
            {
              title: selected ? "Edit picture" : "Insert a library picture",
              submitText: selected ? "Update" : "Insert",
            },
          )(editor, {
            image: attrs.image || "",
            inset: attrs.layout === "inset",
            caption: attrs.caption || "",
            credit: attrs.credit || "",
          }).then((values) => {
            const image = values && numbers(values.image)[0]
            if (!image) {
              return
            }
            const next = {
              image,
              layout: values.inset ? "inset" : "full",
              caption: values.caption.trim(),
              credit: values.credit.trim(),
            }
            placeFigure(editor, this.name, selected, next)
          })
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: this.name,
      groups: "nodes",
      command(editor) {
        editor.commands.libraryImageDialog()
      },
      button: buttons.material("add_photo_alternate", "Insert or edit a library picture"),
      active: (editor) => editor.isActive("libraryImage"),
    })
  },
})

export const LibraryGallery = Node.create({
  name: "libraryGallery",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { chooserUrl: "", previewUrl: "" }
  },

  addAttributes() {
    return {
      images: {
        default: "",
        parseHTML: (element) => numbers(element.getAttribute("data-gallery")).join(","),
        renderHTML: (attributes) => ({ "data-gallery": attributes.images }),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-gallery]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const { previewUrl } = this.options
    return figureView((dom, node) => {
      const pictures = numbers(node.attrs.images)
      const strip = document.createElement("div")
      strip.className = "library-figure__strip"
      strip.append(...pictures.map((number) => thumbnail(previewUrl, number)))
      dom.replaceChildren(strip, label(`Gallery of ${pictures.length} pictures, in this order`))
    })
  },

  addCommands() {
    return {
      libraryGalleryDialog:
        () =>
        ({ editor }) => {
          const { chooserUrl } = this.options
          const selected = selectedNode(editor, this.name)
          updateAttrsDialog(
            {
              images: {
                type: "string",
                title: "Library pictures, in order",
                description:
                  "Their numbers, separated by commas; each choice is added at the end. " +
                  "Captions and credits are the library's.",
                required: true,
                picker: {
                  label: "Add from the library…",
                  handler: ({ input }) => chooseFromLibrary(input, chooserUrl, { several: true }),
                },
              },
            },
            {
              title: selected ? "Edit gallery" : "Insert a gallery",
              submitText: selected ? "Update" : "Insert",
            },
          )(editor, { images: selected ? selected.attrs.images : "" }).then((values) => {
            const images = values && numbers(values.images)
            if (!images || !images.length) {
              return
            }
            const attrs = { images: [...new Set(images)].join(",") }
            placeFigure(editor, this.name, selected, attrs)
          })
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: this.name,
      groups: "nodes",
      command(editor) {
        editor.commands.libraryGalleryDialog()
      },
      button: buttons.material("photo_library", "Insert or edit a gallery"),
      active: (editor) => editor.isActive("libraryGallery"),
    })
  },
})

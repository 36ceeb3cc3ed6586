//! The element's typed API, for the package: `nhs-login-help.d.ts` (TypeScript) and
//! `custom-elements.json` (a Custom Elements Manifest, schema 2.1.0), both written from the
//! contract (`nhs_login_help::contract`): the tag, the attributes with their defaults and allowed
//! values, the events with the type of each field of their `detail`, `show()` and `version`.
//!
//! Written here in Rust rather than in `scripts/package.mjs` from the contract's JSON: the
//! fields' types are Rust data (`FieldValue`), spelled in TypeScript by one exhaustive `match`
//! (a new kind of value does not compile until it has a spelling), the descriptions sit beside a
//! test that fails when an attribute or event has none, and both files are checked natively
//! without a build. `cargo run -p nhs-login-help-tools --bin declarations` prints them.

use nhs_login_help::contract::described::{Described, ATTRIBUTES, EVENTS};
use nhs_login_help::contract::{Attribute, Event, FieldValue, TAG, VERSION};
use serde_json::{json, Value};
use std::fmt::Write;

/// What the element's children are for: they show through its one (default) slot.
const SLOT: &str = "The fallback: shown until the widget has loaded, and kept if it cannot load (blocked, offline, \
                    an old browser).";
const ELEMENT: &str = "The NHS login help widget: the help for an NHS login error reference. Every attribute is \
                       optional; changing one updates the widget, and a bad value is ignored with a console \
                       warning and the default used.";
const VERSION_DOC: &str = "The widget's version (Cargo.toml), the same string its feedback carries.";
const SHOW_DOC: &str = "Shows the help for `reference` (`'CID7023'`): the same as setting the `error` attribute \
                        (and removing `article`).";

/// The name of the element's class in `embed/nhs-login-help.js`: `NhsLoginHelpElement`.
pub fn class_name() -> String {
    format!("{}Element", pascal(TAG))
}

/// The entry's file name, the module a host imports.
pub fn entry() -> String {
    format!("{TAG}.js")
}

/// `nhs-login-help` → `NhsLoginHelp`.
fn pascal(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word[..1].to_ascii_uppercase() + &word[1..])
        .collect()
}

/// A string literal in TypeScript.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// What a field of an event's `detail` holds, in TypeScript.
pub fn field_type(value: FieldValue) -> String {
    match value {
        FieldValue::Text => "string".into(),
        FieldValue::TextOrNull => "string | null".into(),
        FieldValue::Flag => "boolean".into(),
        FieldValue::OneOf(values) => values.iter().map(|value| quoted(value)).collect::<Vec<_>>().join(" | "),
    }
}

/// What an attribute takes, in TypeScript: any string, or one of the values it allows.
fn attribute_type(attribute: Attribute) -> String {
    if attribute.allowed.is_empty() {
        "string".into()
    } else {
        attribute.allowed.iter().map(|value| quoted(value)).collect::<Vec<_>>().join(" | ")
    }
}

/// `nhs-login-help:toggle` → `NhsLoginHelpToggleDetail`.
fn detail_name(event: Event) -> String {
    format!("{}Detail", pascal(event.name))
}

/// An event's `detail` as an object type on one line, for the manifest.
fn detail_type(event: Event) -> String {
    let fields: Vec<String> =
        event.fields.iter().map(|field| format!("{}: {}", field.name, field_type(field.value))).collect();
    format!("{{ {} }}", fields.join("; "))
}

/// What an event tells, with whether the host can cancel it.
fn event_description(described: &Described) -> String {
    let travels = "It bubbles and is composed (it leaves the shadow root).";
    let cancel = if described.event.cancelable { " Cancelable." } else { " Not cancelable." };
    format!("{} {travels}{cancel}", described.description)
}

/// How wide a line of a doc comment may be, its indent and ` * ` included.
const WIDTH: usize = 110;

/// `text` in lines of at most `width` characters, broken between words.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("a line");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// A JSDoc comment, indented, its paragraphs wrapped.
fn doc(out: &mut String, indent: &str, paragraphs: &[&str]) {
    for paragraph in paragraphs {
        assert!(!paragraph.contains("*/"), "a doc comment would end early: {paragraph}");
    }
    let lines: Vec<String> =
        paragraphs.iter().flat_map(|paragraph| wrapped(paragraph, WIDTH - indent.len() - 3)).collect();
    if let [line] = lines.as_slice() {
        if indent.len() + line.chars().count() + "/**  */".len() <= WIDTH {
            let _ = writeln!(out, "{indent}/** {line} */");
            return;
        }
    }
    let _ = writeln!(out, "{indent}/**");
    for line in lines {
        let _ = writeln!(out, "{indent} *{}{line}", if line.is_empty() { "" } else { " " });
    }
    let _ = writeln!(out, "{indent} */");
}

/// `nhs-login-help.d.ts`: the element, its attributes and its events with typed details, and the
/// global maps that make `document.querySelector('nhs-login-help')` and
/// `addEventListener('nhs-login-help:toggle', …)` typed once the package is imported.
pub fn typescript() -> String {
    let element = class_name();
    let prefix = pascal(TAG);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// NHS login help widget {VERSION}: the types of <{TAG}>, written by the build from the widget's\n\
         // contract (crates/core/src/contract.rs). Importing the entry (`import '{TAG}'`) defines the element; at run\n\
         // time the module exports nothing, so these are types only.\n"
    );
    for described in &EVENTS {
        let event = described.event;
        doc(&mut out, "", &[&format!("The `detail` of `{}`.", event.name)]);
        let _ = writeln!(out, "export interface {} {{", detail_name(event));
        for (field, (_, description)) in event.fields.iter().zip(described.fields) {
            doc(&mut out, "  ", &[description]);
            let _ = writeln!(out, "  {}: {};", field.name, field_type(field.value));
        }
        let _ = writeln!(out, "}}\n");
    }
    doc(
        &mut out,
        "",
        &[&format!(
            "The events `<{TAG}>` sends, by name, each a `CustomEvent` with its fields in `detail`. Each bubbles \
             and is composed, so a listener on the element, any ancestor, the document or the window hears it."
        )],
    );
    let _ = writeln!(out, "export interface {prefix}EventMap {{");
    for described in &EVENTS {
        doc(&mut out, "  ", &[&event_description(described)]);
        let _ = writeln!(out, "  {}: CustomEvent<{}>;", quoted(described.event.name), detail_name(described.event));
    }
    let _ = writeln!(out, "}}\n");
    doc(
        &mut out,
        "",
        &[&format!(
            "The attributes of `<{TAG}>`, all optional (for typing templates and JSX). A value outside the ones \
             a type lists is ignored with a console warning and the default used."
        )],
    );
    let _ = writeln!(out, "export interface {prefix}Attributes {{");
    for (attribute, description) in ATTRIBUTES {
        let mut lines = vec![description.to_string()];
        if let Some(default) = attribute.default {
            lines.push(format!("@default {}", quoted(default)));
        }
        doc(&mut out, "  ", &lines.iter().map(String::as_str).collect::<Vec<_>>());
        let key = if attribute.name.contains('-') { quoted(attribute.name) } else { attribute.name.to_string() };
        let _ = writeln!(out, "  {key}?: {};", attribute_type(attribute));
    }
    let _ = writeln!(out, "}}\n");
    doc(
        &mut out,
        "",
        &[
            &format!("`<{TAG}>`. {ELEMENT}"),
            "",
            &format!(
                "Its children are the fallback (the default slot). Attributes: `{prefix}Attributes`; events: \
                 `{prefix}EventMap`."
            ),
        ],
    );
    let _ = writeln!(out, "export interface {element} extends HTMLElement {{");
    doc(&mut out, "  ", &[VERSION_DOC]);
    let _ = writeln!(out, "  readonly version: string;");
    doc(&mut out, "  ", &[SHOW_DOC]);
    let _ = writeln!(out, "  show(reference: string): void;");
    let _ = writeln!(out, "}}\n");
    let _ = writeln!(out, "declare global {{");
    let _ = writeln!(out, "  interface HTMLElementTagNameMap {{");
    let _ = writeln!(out, "    {}: {element};", quoted(TAG));
    let _ = writeln!(out, "  }}");
    doc(&mut out, "  ", &["The element's events reach every element, the document and the window (they bubble)."]);
    let _ = writeln!(out, "  interface GlobalEventHandlersEventMap extends {prefix}EventMap {{}}");
    let _ = writeln!(out, "}}");
    out
}

/// `custom-elements.json`: the Custom Elements Manifest (schema 2.1.0) of the entry module.
pub fn custom_elements_manifest() -> Value {
    let element = class_name();
    let attributes: Vec<Value> = ATTRIBUTES
        .iter()
        .map(|(attribute, description)| {
            let mut described = json!({
                "name": attribute.name,
                "description": description,
                "type": { "text": attribute_type(*attribute) },
            });
            if let Some(default) = attribute.default {
                described["default"] = json!(default);
            }
            described
        })
        .collect();
    let events: Vec<Value> = EVENTS
        .iter()
        .map(|described| {
            json!({
                "name": described.event.name,
                "description": event_description(described),
                "type": { "text": format!("CustomEvent<{}>", detail_type(described.event)) },
            })
        })
        .collect();
    json!({
        "schemaVersion": "2.1.0",
        "modules": [{
            "kind": "javascript-module",
            "path": entry(),
            "description": format!("Defines `<{TAG}>` when imported; exports nothing."),
            "declarations": [{
                "kind": "class",
                "customElement": true,
                "name": element,
                "tagName": TAG,
                "description": ELEMENT,
                "superclass": { "name": "HTMLElement", "package": "global:" },
                "attributes": attributes,
                "events": events,
                "slots": [{ "name": "", "description": SLOT }],
                "members": [
                    {
                        "kind": "field",
                        "name": "version",
                        "type": { "text": "string" },
                        "readonly": true,
                        "description": VERSION_DOC,
                    },
                    {
                        "kind": "method",
                        "name": "show",
                        "description": SHOW_DOC,
                        "parameters": [{ "name": "reference", "type": { "text": "string" } }],
                        "return": { "type": { "text": "void" } },
                    },
                ],
            }],
            "exports": [{
                "kind": "custom-element-definition",
                "name": TAG,
                "declaration": { "name": element, "module": entry() },
            }],
        }],
    })
}

/// A JSX library whose hosts write `<nhs-login-help …>` in TSX: the module whose `JSX` namespace
/// lists intrinsic elements, what it imports for an element's own attributes, and their type.
pub struct Jsx {
    /// The package's subpath and file: `nhs-login-help/react` is `react.d.ts`.
    pub name: &'static str,
    module: &'static str,
    import: &'static str,
    /// The library's attributes of an element of type `{element}`.
    common: &'static str,
}

/// React (19: its `JSX` lives in the `react` module), Preact (11) and Solid (1).
pub const JSX: [Jsx; 3] = [
    Jsx {
        name: "react",
        module: "react",
        import: "import type { DetailedHTMLProps, HTMLAttributes } from 'react';",
        common: "DetailedHTMLProps<HTMLAttributes<{element}>, {element}>",
    },
    Jsx {
        name: "preact",
        module: "preact",
        import: "import type { HTMLAttributes } from 'preact';",
        common: "HTMLAttributes<{element}>",
    },
    Jsx {
        name: "solid",
        module: "solid-js",
        import: "import type { JSX } from 'solid-js';",
        common: "JSX.HTMLAttributes<{element}>",
    },
];

/// `<name>.d.ts`: `<nhs-login-help>` as an intrinsic element of `jsx`'s TSX, with the library's own
/// attributes and the element's typed ones, so a wrong value (`variant="sidebar"`) fails to compile.
/// A host imports it once for its types: `import type {} from 'nhs-login-help/react'`.
pub fn jsx_typescript(jsx: &Jsx) -> String {
    let element = class_name();
    let prefix = pascal(TAG);
    let entry = entry();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// NHS login help widget {VERSION}: <{TAG}> in {}'s JSX, written by the build from the widget's\n\
         // contract (crates/core/src/contract.rs). Types only: import the entry too, for the element itself.\n",
        jsx.module
    );
    let _ = writeln!(out, "{}", jsx.import);
    let _ = writeln!(out, "import type {{ {prefix}Attributes, {element} }} from './{entry}';\n");
    let _ = writeln!(out, "declare module {} {{", quoted(jsx.module));
    let _ = writeln!(out, "  namespace JSX {{");
    let _ = writeln!(out, "    interface IntrinsicElements {{");
    doc(&mut out, "      ", &[&format!("`<{TAG}>`. {ELEMENT}")]);
    let _ = writeln!(out, "      {}: {} & {prefix}Attributes;", quoted(TAG), jsx.common.replace("{element}", &element));
    let _ = writeln!(out, "    }}");
    let _ = writeln!(out, "  }}");
    let _ = writeln!(out, "}}");
    out
}

/// What `scripts/package.mjs` writes into the build: `{ typescript, customElements, jsx }`, `jsx`
/// mapping each library's subpath to its declarations.
pub fn declarations_json() -> Value {
    let jsx: serde_json::Map<String, Value> =
        JSX.iter().map(|jsx| (jsx.name.to_string(), json!(jsx_typescript(jsx)))).collect();
    json!({ "typescript": typescript(), "customElements": custom_elements_manifest(), "jsx": jsx })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nhs_login_help::contract::{attribute, event};

    /// The element class as the entry's source defines it.
    const ENTRY_SOURCE: &str = include_str!("../../embed/nhs-login-help.js");

    #[test]
    fn every_attribute_every_event_and_every_field_is_described_once() {
        let described: Vec<Attribute> = ATTRIBUTES.iter().map(|(attribute, _)| *attribute).collect();
        assert_eq!(described, attribute::ALL);
        for (attribute, description) in ATTRIBUTES {
            assert!(!description.trim().is_empty(), "{}", attribute.name);
        }
        let events: Vec<Event> = EVENTS.iter().map(|described| described.event).collect();
        assert_eq!(events, event::ALL);
        for described in &EVENTS {
            assert!(!described.description.trim().is_empty(), "{}", described.event.name);
            let fields: Vec<&str> = described.event.fields.iter().map(|field| field.name).collect();
            let documented: Vec<&str> = described.fields.iter().map(|(name, _)| *name).collect();
            assert_eq!(fields, documented, "{}", described.event.name);
        }
    }

    #[test]
    fn the_class_and_its_members_are_the_entrys() {
        assert_eq!(class_name(), "NhsLoginHelpElement");
        assert!(ENTRY_SOURCE.contains(&format!("class {} extends HTMLElement", class_name())));
        assert!(ENTRY_SOURCE.contains("get version()"));
        assert!(ENTRY_SOURCE.contains("show(reference)"));
        assert!(ENTRY_SOURCE.contains(&format!("customElements.define(TAG, {})", class_name())));
        // The one event only the entry sends, with each kind it declares.
        let FieldValue::OneOf(kinds) = event::ERROR.fields[0].value else { panic!("error's kind is one of a few") };
        for kind in kinds {
            assert!(ENTRY_SOURCE.contains(&format!("EVENTS.error.name, {{ kind: '{kind}'")), "{kind}");
        }
    }

    #[test]
    fn each_jsx_library_gets_the_element_with_its_attributes() {
        let react = jsx_typescript(&JSX[0]);
        for expected in [
            "declare module 'react' {",
            "import type { NhsLoginHelpAttributes, NhsLoginHelpElement } from './nhs-login-help.js';",
            "      'nhs-login-help': DetailedHTMLProps<HTMLAttributes<NhsLoginHelpElement>, NhsLoginHelpElement> & NhsLoginHelpAttributes;",
        ] {
            assert!(react.lines().any(|line| line == expected), "no line {expected:?} in\n{react}");
        }
        assert!(jsx_typescript(&JSX[2]).contains("declare module 'solid-js' {"));
    }

    #[test]
    fn each_kind_of_field_has_its_typescript_spelling() {
        assert_eq!(field_type(FieldValue::Text), "string");
        assert_eq!(field_type(FieldValue::TextOrNull), "string | null");
        assert_eq!(field_type(FieldValue::Flag), "boolean");
        assert_eq!(field_type(FieldValue::OneOf(&["contact", "settings"])), "'contact' | 'settings'");
        assert_eq!(field_type(FieldValue::OneOf(&["it's"])), r"'it\'s'");
    }

    #[test]
    fn the_typescript_types_every_event_detail() {
        let ts = typescript();
        for expected in [
            "export interface NhsLoginHelpShownDetail {",
            "  reference: string | null;",
            "  article: string | null;",
            "export interface NhsLoginHelpToggleDetail {",
            "  expander: string;",
            "  open: boolean;",
            "  kind: 'contact' | 'settings';",
            "  href: string;",
            "  'nhs-login-help:shown': CustomEvent<NhsLoginHelpShownDetail>;",
            "  'nhs-login-help:toggle': CustomEvent<NhsLoginHelpToggleDetail>;",
            "  'nhs-login-help:link': CustomEvent<NhsLoginHelpLinkDetail>;",
            "    'nhs-login-help': NhsLoginHelpElement;",
            "  interface GlobalEventHandlersEventMap extends NhsLoginHelpEventMap {}",
            "export interface NhsLoginHelpElement extends HTMLElement {",
            "  readonly version: string;",
            "  show(reference: string): void;",
        ] {
            assert!(ts.lines().any(|line| line == expected), "no line {expected:?} in\n{ts}");
        }
        assert_eq!(ts.matches("CustomEvent<").count(), event::ALL.len());
    }

    #[test]
    fn the_typescript_types_the_attributes_with_their_values_and_defaults() {
        let ts = typescript();
        for expected in [
            "  variant?: 'page' | 'inline';",
            "  'heading-level'?: '2' | '3' | '4' | '5' | '6';",
            "  history?: 'push';",
            "  error?: string;",
            "  'contact-url'?: string;",
            "   * @default 'page'",
            "   * @default 'https://help.login.nhs.uk/contact'",
        ] {
            assert!(ts.lines().any(|line| line == expected), "no line {expected:?} in\n{ts}");
        }
        assert_eq!(ts.matches("?: ").count(), attribute::ALL.len());
    }

    #[test]
    fn the_manifest_describes_the_element_as_schema_2_1_0_has_it() {
        let manifest = custom_elements_manifest();
        assert_eq!(manifest["schemaVersion"], "2.1.0");
        let module = &manifest["modules"][0];
        assert_eq!(module["kind"], "javascript-module");
        assert_eq!(module["path"], "nhs-login-help.js");
        let class = &module["declarations"][0];
        assert_eq!((&class["kind"], &class["customElement"]), (&json!("class"), &json!(true)));
        assert_eq!((&class["name"], &class["tagName"]), (&json!("NhsLoginHelpElement"), &json!("nhs-login-help")));
        assert_eq!(
            module["exports"][0],
            json!({ "kind": "custom-element-definition", "name": "nhs-login-help",
                    "declaration": { "name": "NhsLoginHelpElement", "module": "nhs-login-help.js" } })
        );

        let attributes = class["attributes"].as_array().expect("attributes");
        assert_eq!(attributes.len(), attribute::ALL.len());
        let variant = attributes.iter().find(|a| a["name"] == "variant").expect("variant");
        assert_eq!((&variant["type"]["text"], &variant["default"]), (&json!("'page' | 'inline'"), &json!("page")));
        let error = attributes.iter().find(|a| a["name"] == "error").expect("error");
        assert!(error.get("default").is_none(), "no default: {error}");

        let events = class["events"].as_array().expect("events");
        let toggle = events.iter().find(|e| e["name"] == "nhs-login-help:toggle").expect("toggle");
        assert_eq!(toggle["type"]["text"], "CustomEvent<{ article: string; expander: string; open: boolean }>");
        let link = events.iter().find(|e| e["name"] == "nhs-login-help:link").expect("link");
        assert_eq!(link["type"]["text"], "CustomEvent<{ kind: 'contact' | 'settings'; href: string }>");
        assert!(link["description"].as_str().is_some_and(|d| d.ends_with(" Cancelable.")));

        assert_eq!(class["slots"][0]["name"], "");
        let members: Vec<(&str, &str)> = class["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| (m["kind"].as_str().unwrap_or(""), m["name"].as_str().unwrap_or("")))
            .collect();
        assert_eq!(members, [("field", "version"), ("method", "show")]);
        assert_eq!(class["members"][0]["readonly"], true);
    }
}

//! The action checklist: grouped by skill or by route step, filtered,
//! virtualised for long lists, with a detail panel for the selected item.

use egui::{Align, Layout, RichText, ScrollArea, TextEdit, Ui, UiBuilder, vec2};
use jiff::civil::Date;

mod detail;
mod focus;
mod row;

use focus::{FocusState, FocusTo};
use row::{header_row, item_row};

use super::widgets;
use super::{Edits, ViewCtx, theme};
use crate::analysis::{self, ActionCounts};
use crate::model::{ChecklistItem, Command, ItemId, RoleId, SkillId, Status};

/// How the list is grouped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Grouping {
    /// By the skill each action builds.
    #[default]
    Skill,
    /// By the role on the route each action prepares for.
    RouteStep,
}

/// Which items are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    /// Everything.
    #[default]
    All,
    /// Open or in progress.
    Open,
    /// Open or in progress and past the due date.
    Overdue,
    /// Done.
    Done,
}

impl Filter {
    const ALL: [Self; 4] = [Self::All, Self::Open, Self::Overdue, Self::Done];

    fn label(self) -> &'static str {
        match self {
            Self::All => "All",
            Self::Open => "Open",
            Self::Overdue => "Overdue",
            Self::Done => "Done",
        }
    }

    fn keeps(self, item: &ChecklistItem, today: Date) -> bool {
        match self {
            Self::All => true,
            Self::Open => item.status.is_active(),
            Self::Overdue => item.is_overdue(today),
            Self::Done => item.status == Status::Done,
        }
    }
}

/// One row of the list: a group header or an item (by index into the checklist).
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// A group header with the group's counts.
    Header {
        /// The group's title.
        title: String,
        /// Counts over the whole group (not only the filtered items).
        counts: ActionCounts,
    },
    /// An item, by its index in the checklist.
    Item(usize),
}

/// The key the row cache is valid for.
#[derive(Clone, Debug, PartialEq)]
struct RowKey {
    revision: u64,
    grouping: Grouping,
    filter: Filter,
    search: String,
    today: Date,
}

/// The ids of the view's parts, from the view's own.
#[derive(Clone, Copy, Debug)]
struct Ids {
    header: egui::Id,
    list: egui::Id,
    detail: egui::Id,
}

impl Ids {
    fn of(ui: &Ui) -> Self {
        let id = ui.unique_id();
        Self {
            header: id.with("checklist-header"),
            list: id.with("checklist-list"),
            detail: id.with("checklist-detail"),
        }
    }
}

/// View-local state of the checklist.
#[derive(Debug, Default)]
pub struct ChecklistView {
    /// How the list is grouped (kept in the preferences).
    pub grouping: Grouping,
    /// Which items are shown.
    pub filter: Filter,
    /// Text to search for in items.
    pub search: String,
    /// The item shown in the detail panel.
    pub selected: Option<ItemId>,
    new_text: String,
    new_skill: Option<SkillId>,
    message: Option<String>,
    rows: Vec<Row>,
    rows_key: Option<RowKey>,
    focus: FocusState,
}

/// The group an item belongs to when grouping by route step: the index of its
/// role on the route, or `None` when it names no role on the route.
fn route_group(item: &ChecklistItem, route: &[RoleId]) -> Option<usize> {
    item.role.as_ref().and_then(|r| route.iter().position(|x| x == r))
}

/// Builds the rows for `grouping` and `filter`. Public so tests can check grouping.
pub fn build_rows(ctx: &ViewCtx<'_>, grouping: Grouping, filter: Filter, search: &str) -> Vec<Row> {
    let plan = ctx.plan;
    let needle = search.trim().to_lowercase();
    let keeps = |item: &ChecklistItem| {
        filter.keeps(item, ctx.today) && (needle.is_empty() || item.text.to_lowercase().contains(&needle))
    };
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    match grouping {
        Grouping::Skill => {
            let skills: Vec<(Option<SkillId>, String)> = plan
                .all_skills(ctx.framework)
                .map(|s| (Some(s.id().clone()), s.name().to_owned()))
                .chain([(None, "Not tied to a skill".to_owned())])
                .collect();
            for (skill, title) in skills {
                let items: Vec<usize> = plan
                    .checklist
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.skill == skill)
                    .map(|(n, _)| n)
                    .collect();
                groups.push((title, items));
            }
            // Items naming a skill the plan no longer has.
            let orphans: Vec<usize> = plan
                .checklist
                .iter()
                .enumerate()
                .filter(|(_, i)| {
                    i.skill
                        .as_ref()
                        .is_some_and(|s| !plan.all_skills(ctx.framework).any(|k| k.id() == s))
                })
                .map(|(n, _)| n)
                .collect();
            groups.push(("Other skills".to_owned(), orphans));
        }
        Grouping::RouteStep => {
            let route: Vec<RoleId> = ctx
                .derived
                .route
                .iter()
                .map(|s| s.readiness.role.clone())
                .collect();
            for (index, role) in route.iter().enumerate() {
                let items = plan
                    .checklist
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| route_group(i, &route) == Some(index))
                    .map(|(n, _)| n)
                    .collect();
                let prefix = if index == 0 { "Now: " } else { "Step: " };
                groups.push((format!("{prefix}{}", ctx.framework.role_name(role)), items));
            }
            let rest = plan
                .checklist
                .iter()
                .enumerate()
                .filter(|(_, i)| route_group(i, &route).is_none())
                .map(|(n, _)| n)
                .collect();
            groups.push(("Any step".to_owned(), rest));
        }
    }
    let mut rows = Vec::new();
    for (title, items) in groups {
        let shown: Vec<usize> = items
            .iter()
            .copied()
            .filter(|&n| keeps(&plan.checklist[n]))
            .collect();
        if shown.is_empty() {
            continue;
        }
        let counts = ActionCounts::of(items.iter().map(|&n| &plan.checklist[n]), ctx.today);
        rows.push(Row::Header { title, counts });
        rows.extend(shown.into_iter().map(Row::Item));
    }
    rows
}

/// The widest the list column gets (toolbar, add row, filters and rows):
/// beyond it a row's move buttons would sit far from its text, so a wide
/// window leaves the room to the detail panel, then empty.
const COLUMN_MAX_WIDTH: f32 = 820.0;
/// The detail panel's narrowest and widest.
const DETAIL_WIDTH: std::ops::RangeInclusive<f32> = 380.0..=560.0;

/// Where the parts of the view go, in a view `available` points wide.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Columns {
    /// The toolbar's, the add row's and the filters' width.
    header: f32,
    /// The list's width.
    list: f32,
    /// The detail panel's width (0 when it is closed).
    detail: f32,
    /// Whether the detail panel goes beside the header (from the top of
    /// the view) or, in a narrow window, below it beside the list (the
    /// header keeps its width, so its search field is not squeezed).
    beside_header: bool,
}

impl Columns {
    /// The widths for a view `available` wide, with the detail panel open
    /// or not, `gap` going to the separator between list and panel.
    fn of(available: f32, detail_open: bool, gap: f32) -> Self {
        let header = available.min(COLUMN_MAX_WIDTH);
        let (min, max) = (*DETAIL_WIDTH.start(), *DETAIL_WIDTH.end());
        if !detail_open {
            return Self {
                header,
                list: header,
                detail: 0.0,
                beside_header: true,
            };
        }
        if header + gap + min <= available {
            Self {
                header,
                list: header,
                detail: (available - gap - header).clamp(min, max),
                beside_header: true,
            }
        } else {
            Self {
                header,
                list: available - gap - min,
                detail: min,
                beside_header: false,
            }
        }
    }
}

impl ChecklistView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        let revision = ctx.revision;
        if self.selected.is_some_and(|id| ctx.plan.item(id).is_none()) {
            self.selected = None;
        }
        self.switch_focus_on_key(ui, ctx);
        self.focus.new_action |= focus::new_action_key_pressed(ui);
        let key = RowKey {
            revision,
            grouping: self.grouping,
            filter: self.filter,
            search: self.search.clone(),
            today: ctx.today,
        };
        if self.rows_key.as_ref() != Some(&key) {
            self.rows = build_rows(ctx, self.grouping, self.filter, &self.search);
            self.rows_key = Some(key);
        }
        // The separator between list and panel takes its own spacing plus an
        // item spacing on each side; leave room for all of it so the panel's
        // right edge stays inside the window.
        let gap = 2.0 * ui.spacing().item_spacing.x + 14.0;
        let columns = Columns::of(ui.available_width(), self.selected.is_some(), gap);
        // The header, the list and the panel keep their ids (the focus, the
        // text being typed, the scroll position) wherever they are drawn.
        let ids = Ids::of(ui);
        if !columns.beside_header {
            self.header_ui(ui, ctx, edits, (ids.header, columns.header));
        }
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                vec2(columns.list, ui.available_height()),
                Layout::top_down(Align::Min),
                |ui| {
                    ui.set_width(columns.list);
                    if columns.beside_header {
                        self.header_ui(ui, ctx, edits, (ids.header, columns.header));
                    }
                    ui.scope_builder(UiBuilder::new().scope_id(ids.list), |ui| {
                        self.list_ui(ui, ctx, edits);
                    });
                },
            );
            self.focus.in_detail = false;
            if let Some(id) = self.selected
                && let Some(item) = ctx.plan.item(id)
            {
                ui.separator();
                let size = vec2(columns.detail, ui.available_height());
                let builder = UiBuilder::new()
                    .scope_id(ids.detail)
                    .max_rect(egui::Rect::from_min_size(ui.cursor().min, size))
                    .layout(Layout::top_down(Align::Min));
                ui.scope_builder(builder, |ui| {
                    super::widgets::scroll_view(ui, "item-detail", |ui| {
                        let focus = self.focus.to == Some(FocusTo::Detail);
                        self.detail_ui(ui, ctx, edits, item, focus);
                        if focus {
                            self.focus.to = None;
                        }
                        self.focus.in_detail = focus::focus_within(ui);
                        super::widgets::follow_focus(ui);
                    });
                });
            }
        });
    }

    /// The toolbar, the add row and the filters, `width` wide, in a scope
    /// whose id is `id`. The add row comes before the filters: first in
    /// the tab order too, a few Tabs from the tab bar.
    fn header_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits, (id, width): (egui::Id, f32)) {
        ui.scope_builder(UiBuilder::new().scope_id(id), |ui| {
            ui.set_width(width);
            self.toolbar_ui(ui, ctx, edits);
            ui.add_space(4.0);
            self.add_row_ui(ui, ctx, edits);
            ui.add_space(2.0);
            self.filter_row_ui(ui);
            ui.separator();
        });
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        ui.horizontal(|ui| {
            ui.heading("Checklist");
            // The count beside the bar, not on it: text drawn across the
            // bar's filled edge is half in one colour, half in another.
            let counts = ctx.derived.counts;
            let hint = "Done actions out of all but the dropped ones";
            widgets::progress_bar(ui, counts.fraction_done(), vec2(160.0, 10.0)).on_hover_text(hint);
            ui.label(format!("{} of {} done", counts.done, counts.counted()))
                .on_hover_text(hint);
            if counts.overdue > 0 {
                widgets::pill(
                    ui,
                    &format!("{} overdue", counts.overdue),
                    theme::bad(ui.visuals()),
                );
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .button("Suggest actions")
                    .on_hover_text(
                        "Add actions from the library for your current gaps. Never adds one twice.",
                    )
                    .clicked()
                {
                    self.suggest(ctx, edits);
                }
            });
        });
        // On a line of its own: beside the button a long message would run
        // into the count in a narrow column.
        if let Some(message) = &self.message {
            ui.label(RichText::new(message).weak());
        }
    }

    /// Adds the library's actions for the current gaps and says what it did.
    fn suggest(&mut self, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        let items = analysis::seed_items(ctx.plan, ctx.framework, ctx.today, ctx.plan.next_id);
        if items.is_empty() {
            self.message = Some(
                "Nothing to add: your gaps already have their suggested actions, or you have none."
                    .to_owned(),
            );
        } else {
            let start = ctx.plan.checklist.len();
            self.message = Some(format!(
                "Added {} suggested action{}.",
                items.len(),
                if items.len() == 1 { "" } else { "s" }
            ));
            edits.push(Command::InsertItems(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| (start + i, item))
                    .collect(),
            ));
        }
    }

    /// The grouping, the filter and the search, just above the list they shape.
    fn filter_row_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label("Group by");
            ui.selectable_value(&mut self.grouping, Grouping::Skill, "Skill")
                .on_hover_text("Group actions by the skill they build");
            ui.selectable_value(&mut self.grouping, Grouping::RouteStep, "Route step")
                .on_hover_text("Group actions by the role on your route they prepare for");
            ui.separator();
            ui.label("Show");
            for filter in Filter::ALL {
                ui.selectable_value(&mut self.filter, filter, filter.label());
            }
            ui.separator();
            ui.add(
                TextEdit::singleline(&mut self.search)
                    .id_salt("checklist-search")
                    .hint_text("Search actions")
                    .desired_width(200.0),
            );
            if !self.search.is_empty()
                && ui
                    .small_button("Clear")
                    .on_hover_text("Clear the search")
                    .clicked()
            {
                self.search.clear();
            }
        });
    }

    fn add_row_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        ui.horizontal(|ui| {
            // The field takes what the skill and the button leave, so the
            // row ends where the list's rows end.
            let spacing = ui.spacing().item_spacing.x;
            let button = widgets::text_width(ui, "Add action", egui::TextStyle::Button)
                + 2.0 * ui.spacing().button_padding.x;
            let field = ui.available_width() - SKILL_COMBO_WIDTH - button - 2.0 * spacing;
            let response = ui.add(
                TextEdit::singleline(&mut self.new_text)
                    .id_salt("new-action")
                    .hint_text("New action, e.g. Run the next retro")
                    .desired_width(field.max(120.0)),
            );
            let shortcut = ui.ctx().format_shortcut(&focus::NEW_ACTION_KEY);
            let response = response.on_hover_text(format!(
                "Type an action and press Enter to add it. {shortcut} comes here from anywhere in the checklist."
            ));
            if std::mem::take(&mut self.focus.new_action) {
                response.request_focus();
            }
            let enter = widgets::entered(ui, &response);
            skill_combo(ui, ctx, "new-action-skill", &mut self.new_skill);
            let text = self.new_text.trim().to_owned();
            let clicked = ui
                .add_enabled(!text.is_empty(), egui::Button::new("Add action"))
                .on_hover_text("Add this action to the checklist")
                .clicked();
            if (clicked || enter) && !text.is_empty() {
                let id = ItemId(ctx.plan.next_id);
                let item = ChecklistItem {
                    skill: self.new_skill.clone(),
                    ..ChecklistItem::new(id, text, ctx.today)
                };
                edits.push(Command::InsertItems(vec![(ctx.plan.checklist.len(), item)]));
                self.new_text.clear();
                self.selected = Some(id);
                self.message = None;
            }
        });
    }

    fn list_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        if self.rows.is_empty() {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                if ctx.plan.checklist.is_empty() {
                    ui.label("No actions yet. Add one above, or let Trailmap suggest some for your gaps.");
                } else {
                    ui.label("No action matches this filter.");
                }
            });
            return;
        }
        let row_height = 30.0;
        // F6 to a row out of view: scroll it in, a little below the top.
        let target = self.focus_row_position(ctx);
        if self.focus.to == Some(FocusTo::Row) && target.is_none() {
            self.focus.to = None;
        }
        let mut area = ScrollArea::vertical()
            .id_salt("checklist-rows")
            .auto_shrink([false, false]);
        if let Some(position) = target
            && !self.focus.drawn.contains(&position)
        {
            let step = row_height + ui.spacing().item_spacing.y;
            area = area.vertical_scroll_offset(position.saturating_sub(2) as f32 * step);
        }
        let rows = &self.rows;
        let mut selected = self.selected;
        let mut focus_to = self.focus.to;
        let mut focused_row = None;
        let mut drawn = 0..0;
        let output = area.show_rows(ui, row_height, rows.len(), |ui, range| {
            drawn = range.clone();
            for row in &rows[range] {
                match row {
                    Row::Header { title, counts } => header_row(ui, title, *counts, row_height),
                    Row::Item(index) => {
                        let Some(item) = ctx.plan.checklist.get(*index) else {
                            continue;
                        };
                        let focus = focus_to == Some(FocusTo::Row) && selected == Some(item.id);
                        if focus {
                            focus_to = None;
                        }
                        // A scope per item keeps its widgets' ids the same
                        // whichever rows are drawn, so the keyboard focus
                        // stays on its widget while the list scrolls.
                        let has_focus = super::widgets::keyed(ui, item.id, |ui| {
                            item_row(ui, ctx, edits, item, &mut selected, (row_height, focus))
                        });
                        if has_focus {
                            focused_row = Some(item.id);
                        }
                    }
                }
            }
            super::widgets::follow_focus(ui);
        });
        super::widgets::bar_at_once(ui.ctx(), &output);
        self.focus.to = focus_to;
        self.focus.drawn = drawn;
        self.selected = selected;
        // The keyboard focus moved to another row while an action is open:
        // that row becomes the selected one, so the focus ring and the
        // highlighted row never name two different actions (a click gives
        // a row no focus, so this follows the keyboard only).
        let moved = focused_row.is_some() && focused_row != self.focus.row;
        if moved && self.selected.is_some() && self.selected != focused_row {
            self.selected = focused_row;
            ui.ctx().request_repaint();
        }
        self.focus.row = focused_row;
    }
}

/// How wide the combo boxes that choose a skill are.
const SKILL_COMBO_WIDTH: f32 = 170.0;

fn skill_combo(ui: &mut Ui, ctx: &ViewCtx<'_>, id: &str, skill: &mut Option<SkillId>) {
    let text = skill
        .as_ref()
        .map_or("No skill", |s| ctx.plan.skill_name(ctx.framework, s))
        .to_owned();
    widgets::combo(ui, id, "Skill", &text, Some(SKILL_COMBO_WIDTH), |ui| {
        ui.selectable_value(skill, None, "No skill");
        for s in ctx.plan.all_skills(ctx.framework) {
            ui.selectable_value(skill, Some(s.id().clone()), s.name());
        }
    });
}

//! A date field in the app's own look: a button with the date that opens a
//! calendar of one month, with named buttons for the month before and after
//! and for today. (egui_extras' picker marks weekends in red, has rows of
//! `<<<`/`>>>` buttons and year, month and day lists without accessible
//! names.)

use egui::{Button, Popup, PopupCloseBehavior, Response, RichText, Ui, vec2};
use jiff::civil::Date;

use super::theme;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// A button showing `date` (`2026-12-01 📆`) whose calendar sets it; `salt`
/// tells one date field from another. `today` is marked in the calendar and
/// has a button of its own.
pub fn date_button(ui: &mut Ui, date: &mut Date, today: Date, salt: &str) -> Response {
    let id = ui.make_persistent_id(("date-picker", salt));
    let button = ui
        .add(Button::new(format!("{date} 📆")))
        .on_hover_text("Choose a date");
    // The month shown; starts at the date's, kept while the calendar is open.
    let shown_key = id.with("month");
    let mut changed = false;
    let popup = Popup::from_toggle_button_response(&button)
        .id(id)
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let mut shown: Date = ui
                .data(|d| d.get_temp(shown_key))
                .unwrap_or_else(|| first_of_month(*date));
            if let Some(picked) = calendar(ui, &mut shown, *date, today) {
                *date = picked;
                changed = true;
            }
            ui.data_mut(|d| d.insert_temp(shown_key, shown));
        });
    if popup.is_none() {
        ui.data_mut(|d| d.remove::<Date>(shown_key));
    }
    if changed {
        Popup::close_id(ui.ctx(), id);
    }
    let mut response = button;
    // The focus comes back to the field whose calendar closed, so the next
    // Tab goes on from there; once the click is over (egui drops the focus
    // of a widget when the pointer is pressed elsewhere in that frame).
    let refocus_key = id.with("refocus");
    if changed {
        response.mark_changed();
        ui.data_mut(|d| d.insert_temp(refocus_key, true));
    }
    if ui.data(|d| d.get_temp::<bool>(refocus_key)).unwrap_or(false) && super::widgets::pointer_settled(ui) {
        ui.data_mut(|d| d.remove::<bool>(refocus_key));
        response.request_focus();
    }
    response
}

fn first_of_month(date: Date) -> Date {
    date.first_of_month()
}

/// One month: its name between the previous and next month buttons, the
/// weekdays, and a button per day. Returns the day clicked.
fn calendar(ui: &mut Ui, shown: &mut Date, selected: Date, today: Date) -> Option<Date> {
    ui.horizontal(|ui| {
        if named(ui.button("‹"), "Previous month").clicked() {
            *shown = shown.checked_sub(jiff::Span::new().months(1)).unwrap_or(*shown);
        }
        let name = MONTHS
            .get(usize::try_from(shown.month() - 1).unwrap_or(0))
            .copied()
            .unwrap_or("");
        ui.add_sized(
            vec2(150.0, 20.0),
            egui::Label::new(RichText::new(format!("{name} {}", shown.year())).strong()),
        );
        if named(ui.button("›"), "Next month").clicked() {
            *shown = shown.checked_add(jiff::Span::new().months(1)).unwrap_or(*shown);
        }
    });
    let mut picked = None;
    let size = vec2(30.0, 24.0);
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        for day in WEEKDAYS {
            ui.add_sized(size, egui::Label::new(RichText::new(day).small().weak()));
        }
    });
    // Monday-first rows from the week of the 1st.
    let lead = i64::from(shown.weekday().to_monday_zero_offset());
    let start = shown.checked_sub(jiff::Span::new().days(lead)).unwrap_or(*shown);
    for week in 0..6 {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 2.0;
            for weekday in 0..7 {
                let Ok(day) = start.checked_add(jiff::Span::new().days(week * 7 + weekday)) else {
                    continue;
                };
                let in_month = day.month() == shown.month();
                let mut text = RichText::new(day.day().to_string());
                if !in_month {
                    text = text.weak();
                }
                if day == today {
                    text = text.strong().color(theme::own(ui.visuals()));
                }
                let button = Button::selectable(day == selected, text).min_size(size);
                if ui.add(button).on_hover_text(day.to_string()).clicked() {
                    picked = Some(day);
                }
            }
        });
    }
    ui.horizontal(|ui| {
        if ui
            .button("Today")
            .on_hover_text(format!("Choose {today}"))
            .clicked()
        {
            picked = Some(today);
        }
    });
    picked
}

/// An arrow button with its name as tooltip and as its accessible name.
fn named(response: Response, name: &str) -> Response {
    super::widgets::name_widget(&response, egui::Role::Button, name);
    response.on_hover_text(name)
}

//! The start page as a returning user meets it: the plans already in the
//! data folder are listed and open with a click.

use crate::support::{Sandbox, harness, plan, shows};
use egui_kittest::kittest::Queryable;

#[test]
fn the_start_page_lists_the_plans_in_the_data_folder() {
    let sandbox = Sandbox::new();
    sandbox.example("marcus-tech-lead-to-head-of-product.ron");
    sandbox.example("priya-tech-lead-to-em.ron");
    let mut h = harness(sandbox.config(None));
    h.run();
    assert!(shows(&h, "Your plans"));
    assert!(h.query_all_by_label("Priya Raman").next().is_some());
    h.get_by_role_and_label(egui::accesskit::Role::Link, "Marcus Okafor")
        .click();
    h.run();
    assert_eq!(plan(&h).person.name, "Marcus Okafor");
}

//! One file per panel or window. Each draws from state it is given and
//! pushes [`crate::ui::command::Command`]s; none changes the project itself.

pub mod annotator_prompt;
pub mod claims_panel;
pub mod document_list;
pub mod entities_panel;
pub mod entity_picker;
pub mod export_window;
pub mod find_bar;
pub mod help_window;
pub mod import_window;
pub mod label_popup;
pub mod loading_list;
pub mod mention_details;
pub mod menu_bar;
pub mod overview_window;
pub mod palette;
pub mod path_dialog;
pub mod propagation_window;
pub mod quit_prompt;
pub mod quotation_form;
pub mod quotations_panel;
pub mod quoted_window;
pub mod recovery_window;
pub mod relation_types_editor;
pub mod relations_panel;
pub mod report_window;
pub mod review_layers;
pub mod review_window;
pub mod schema_dialog;
pub mod search_window;
pub mod side_panel;
pub mod stance_details;
pub mod stance_form;
pub mod statistics_window;
pub mod status_bar;
pub mod welcome;

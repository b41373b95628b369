//! One file per panel or window. Each draws from state it is given and
//! pushes [`crate::ui::command::Command`]s; none changes the project itself.

pub mod annotator_prompt;
pub mod document_list;
pub mod entities_panel;
pub mod entity_picker;
pub mod label_popup;
pub mod mention_details;
pub mod menu_bar;
pub mod path_dialog;
pub mod propagation_window;
pub mod report_window;
pub mod schema_dialog;
pub mod side_panel;
pub mod status_bar;

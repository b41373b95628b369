//! One file per panel or window. Each draws from state it is given and
//! pushes [`crate::ui::command::Command`]s; none changes the project itself.

pub mod annotator_prompt;
pub mod document_list;
pub mod label_popup;
pub mod menu_bar;
pub mod path_dialog;
pub mod report_window;
pub mod schema_dialog;
pub mod side_panel;
pub mod status_bar;

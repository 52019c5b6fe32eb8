// template_files_web.hpp — the browser's side of board template files (settings
// "Templates" tab, ui/settings_templates.hpp): a download of the exported template, and
// the file chooser whose file's text comes back through tb_api "templateFile"
// (js_bridge_web.cpp) into UiState::template_settings.
//
// Called from the tab on the user's click, so the browser sees a user gesture and opens
// its chooser. Web only: the UI is built for the browser alone.
#pragma once

#include <string>

namespace tackboard {

void DownloadTemplateFile(const std::string& name, const std::string& text);
void PickTemplateFile();

}  // namespace tackboard

// template_files_web.cpp — template downloads and the template file chooser (template_files_web.hpp).
#include "platform/template_files_web.hpp"

#include <emscripten.h>

namespace tackboard {

void DownloadTemplateFile(const std::string& name, const std::string& text) {
    EM_ASM({ Module.tbDownload(UTF8ToString($0), UTF8ToString($1), 'application/json'); }, name.c_str(), text.c_str());
}

void PickTemplateFile() {
    EM_ASM({ Module.tbPickTemplateFile(); });
}

}  // namespace tackboard

// saved_views.cpp — editing the board's saved views (see saved_views.hpp).
#include "core/saved_views.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace tackboard {

namespace {

bool SameName(const std::string& a, const std::string& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}

// Why `name` cannot be a view's name beside `views` (leaving out the one at `except`).
std::string NameProblem(const std::vector<SavedView>& views, const std::string& name, long except = -1) {
    if (name.empty()) return "a view needs a name";
    for (std::size_t i = 0; i < views.size(); ++i)
        if (static_cast<long>(i) != except && SameName(Trimmed(views[i].name), name))
            return "there is already a view named '" + views[i].name + "'";
    return {};
}

}  // namespace

Result<std::vector<SavedView>> AddView(const std::vector<SavedView>& views, SavedView view) {
    view.name = Trimmed(view.name);
    view.query = Trimmed(view.query);
    if (std::string problem = NameProblem(views, view.name); !problem.empty()) return Error{problem};
    if (view.query.empty()) return Error{"a view needs a filter to save"};
    std::vector<SavedView> out = views;
    out.push_back(std::move(view));
    return out;
}

Result<std::vector<SavedView>> RenameView(const std::vector<SavedView>& views, const std::string& name,
                                          std::string new_name) {
    auto it = std::find_if(views.begin(), views.end(), [&](const SavedView& v) { return v.name == name; });
    if (it == views.end()) return Error{"there is no view named '" + name + "'"};
    new_name = Trimmed(new_name);
    long at = it - views.begin();
    if (std::string problem = NameProblem(views, new_name, at); !problem.empty()) return Error{problem};
    std::vector<SavedView> out = views;
    out[static_cast<std::size_t>(at)].name = std::move(new_name);
    return out;
}

std::vector<SavedView> RemoveView(const std::vector<SavedView>& views, const std::string& name) {
    std::vector<SavedView> out;
    for (const SavedView& v : views)
        if (v.name != name) out.push_back(v);
    return out;
}

const SavedView* FindViewByQuery(const std::vector<SavedView>& views, const std::string& query) {
    std::string wanted = Trimmed(query);
    for (const SavedView& v : views)
        if (Trimmed(v.query) == wanted) return &v;
    return nullptr;
}

}  // namespace tackboard

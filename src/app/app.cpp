#include "app/app.hpp"

namespace tackboard {

using nlohmann::json;

App::App(std::string data_directory, AppEnvironment environment) : env_(std::move(environment)) {
    Journal::Loaded loaded;
    auto journal = Journal::Open(data_directory, loaded);
    if (!journal) {
        notices_.push_back("Your tickets cannot be saved on this device (" + journal.error().message +
                           "). Changes stay in this tab only.");
        return;
    }
    journal_ = std::move(journal.value());
    for (auto& problem : loaded.problems) notices_.push_back("While loading: " + problem);
    std::size_t index = 0;
    for (const auto& change : loaded.changes) {
        ++index;
        if (auto applied = ApplyChange(board_, change); !applied)
            notices_.push_back("While loading: change " + std::to_string(index) + " could not be applied (" +
                               applied.error().Describe() + ")");
    }
}

Status App::Commit(const json& change) {
    if (auto applied = ApplyChange(board_, change); !applied) return applied;
    if (journal_) {
        if (auto written = journal_->Append(change); !written) {
            // The edit stays on screen; the user is told it is not stored.
            save_state_ = {SaveState::Kind::Failed, written.error().message};
            return Ok{};
        }
    }
    if (env_.data_changed) env_.data_changed();
    return Ok{};
}

Result<std::string> App::CreateTicket(const json& fields) {
    Millis now = env_.now();
    std::string id = ids_.Next(now, env_.random());
    auto change = MakeCreate(board_, fields, id, now, actor_);
    if (!change) return change.error();
    if (auto committed = Commit(change.value()); !committed) return committed.error();
    return id;
}

Status App::UpdateTicket(const std::string& id, const json& patch) {
    auto change = MakeUpdate(board_, id, patch, env_.now(), actor_);
    if (!change) return change.error();
    return Commit(change.value());
}

}  // namespace tackboard

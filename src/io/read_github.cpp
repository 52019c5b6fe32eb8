// read_github.cpp — GitHub issues as the REST API's "List repository issues" returns
// them (GET /repos/{owner}/{repo}/issues, a JSON array) read into an ImportSource.
//
// Handled: number (source id), title, body (markdown; null is empty), state ("closed"
// sets `closed`; GitHub has no status names, so `status` stays empty), labels (objects
// with "name", or plain strings), first of assignees (or the older single assignee),
// user as requester, created_at / updated_at / closed_at, html_url. Comments when an
// export tool embedded them as an array of {user: {login}, body, created_at}; the API's
// own `comments` is only a count, so then a note says they are not in the file.
// Skipped with a reason: pull requests (the API lists them among issues), elements that
// are not objects, missing or repeated numbers, empty titles, dates that do not parse.
// Not imported (a note says so): milestones. Reactions, locks and events are ignored.
#include <optional>
#include <set>

#include "io/import_source.hpp"
#include "io/source_dates.hpp"
#include "io/source_text.hpp"

namespace tackboard {

namespace {

using nlohmann::json;

std::optional<std::int64_t> IssueNumber(const json& issue) {
    const json* number = JsonMember(issue, "number");
    if (!number || !number->is_number_integer()) return std::nullopt;
    std::int64_t value = number->get<std::int64_t>();
    if (value <= 0) return std::nullopt;  // also an unsigned too big for int64, wrapped
    return value;
}

std::string Login(const json& object, const char* key) {
    const json* user = JsonMember(object, key);
    return user ? JsonString(*user, "login") : std::string();
}

std::vector<std::string> IssueLabels(const json& issue) {
    std::vector<std::string> labels;
    const json* array = JsonArray(issue, "labels");
    if (!array) return labels;
    for (const json& label : *array) {
        std::string name =
            std::string(TrimSpace(label.is_string() ? label.get<std::string>() : JsonString(label, "name")));
        if (!name.empty()) AppendUnique(labels, std::move(name));
    }
    return labels;
}

std::string IssueAssignee(const json& issue) {
    if (const json* assignees = JsonArray(issue, "assignees"))
        for (const json& assignee : *assignees) {
            std::string login = JsonString(assignee, "login");
            if (!login.empty()) return login;
        }
    return Login(issue, "assignee");
}

std::vector<ImportedComment> IssueComments(const json& issue) {
    std::vector<ImportedComment> comments;
    const json* array = JsonArray(issue, "comments");  // a number is the API's count: nothing to read
    if (!array) return comments;
    for (const json& item : *array) {
        ImportedComment comment;
        comment.body = JsonString(item, "body");
        if (TrimSpace(comment.body).empty()) continue;
        comment.author = Login(item, "user");
        comment.at = ParseSourceDateTime(JsonString(item, "created_at")).value_or(0);
        comments.push_back(std::move(comment));
    }
    SortOldestFirst(comments);
    return comments;
}

// Why `issue` cannot be imported, or "" when it can. Fills `ticket` as it goes.
std::string ReadIssue(const json& issue, std::set<std::int64_t>& seen_numbers, ImportedTicket& ticket) {
    if (!issue.is_object()) return "not an issue object";
    if (issue.contains("pull_request")) return "pull request, not an issue";
    std::optional<std::int64_t> number = IssueNumber(issue);
    if (!number) return "no issue number";
    if (!seen_numbers.insert(*number).second) return "duplicate issue #" + std::to_string(*number);
    ticket.title = std::string(TrimSpace(JsonString(issue, "title")));
    if (ticket.title.empty()) return "no title";
    std::string reason;
    if (!ReadDateMember(issue, "created_at", ticket.created, reason) ||
        !ReadDateMember(issue, "updated_at", ticket.updated, reason) ||
        !ReadDateMember(issue, "closed_at", ticket.resolved, reason))
        return reason;

    ticket.source_id = std::to_string(*number);
    ticket.url = JsonString(issue, "html_url");
    ticket.description = JsonString(issue, "body");
    ticket.closed = JsonString(issue, "state") == "closed";
    ticket.labels = IssueLabels(issue);
    ticket.assignee = IssueAssignee(issue);
    ticket.requester = Login(issue, "user");
    ticket.comments = IssueComments(issue);
    return {};
}

bool LooksLikeIssue(const json& item) {
    return item.is_object() && (item.contains("number") || item.contains("title"));
}

}  // namespace

Result<ImportSource> ReadGitHubIssues(const json& issues) {
    if (!issues.is_array()) return Error{"expected a JSON array of issues, as the GitHub REST API returns"};
    bool any_issue = false;
    for (const json& item : issues) any_issue = any_issue || LooksLikeIssue(item);
    if (!issues.empty() && !any_issue) return Error{"not GitHub issues: no element has a 'number' or 'title'"};

    ImportSource source;
    source.format = "GitHub issues";
    std::set<std::int64_t> seen_numbers;
    bool milestones = false, comment_counts = false;
    for (std::size_t i = 0; i < issues.size(); ++i) {
        const json& issue = issues[i];
        std::optional<std::int64_t> number = IssueNumber(issue);
        ImportedTicket ticket;
        ticket.where = number ? "issue #" + std::to_string(*number) : "item " + std::to_string(i + 1);
        std::string reason = ReadIssue(issue, seen_numbers, ticket);
        if (!reason.empty()) {
            source.skipped.push_back({ticket.where, reason});
            continue;
        }
        milestones = milestones || JsonMember(issue, "milestone");
        const json* comments = JsonMember(issue, "comments");
        comment_counts = comment_counts || (comments && comments->is_number() && comments->get<double>() > 0);
        source.tickets.push_back(std::move(ticket));
    }
    if (milestones) source.notes.push_back("milestones are not imported");
    if (comment_counts)
        source.notes.push_back(
            "comments are not imported: the file has only their number (the API lists them separately)");
    return source;
}

}  // namespace tackboard

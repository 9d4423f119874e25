#pragma once
// Which bodies are enforcement teams: units that do the work (承办机构) for the department or
// government they belong to, never a legal subject (实施主体) themselves.

#include "lawlist/model/model.hpp"

namespace lawlist::model {

// Whether `body` is a sector team, a township team or a stationed squad.
bool is_team(const Body& body);

}  // namespace lawlist::model

#pragma once
// The department a message asks to act (请环保部门查一查, 希望公安机关管一管): a letter names the
// sector it is about as plainly as any term of the lists, often more plainly than its
// background does. Only a department named in a clause that asks it to act counts: one
// mentioned in passing (我去人社局问过) says nothing of what the message reports.

#include <string>
#include <string_view>
#include <vector>

namespace lawlist::classify {

// A sector code and the names people give its department (simplified script, as normalized
// text is).
struct Agency {
    std::string_view sector;
    std::vector<std::u32string> names;
};

// The departments, by sector.
const std::vector<Agency>& agencies();

// A department asked to act in a text: its sector and the name as written.
struct AddressedAgency {
    std::string_view sector;
    std::u32string name;
    // Asked to enforce (查处, 调查, 取缔...), not to serve: someone is doing something a list
    // forbids. A consultation or a benefit request asks a department to answer or to grant.
    bool enforce = false;
};

// The departments normalized text `normalized` asks to act, each sector once, in the order of
// the text.
std::vector<AddressedAgency> addressed_agencies(const std::u32string& normalized);

}  // namespace lawlist::classify

#pragma once
// Cues of what a message is for, found anywhere in it: asking a question, asking for a benefit or
// a service, proposing a policy, contesting a decision, a dispute between private parties, praise;
// or reporting someone who breaks a rule (a wrongful act, a nuisance, a call to stop it). The
// scope model (scope_model.hpp) weighs each cue once, whatever the length of the message: a
// bigram's weight is divided among all the bigrams of a long message, but one 请问 or 什么材料
// says what a three-hundred-character letter is for as plainly as it says it in ten characters.
// The weights are learned like the bigrams' from the vocabulary's reports; the cues only say
// which phrases count together. Questions and thanks are read in their clause: a question about
// the act a message reports, or a courtesy of thanks, is no consultation or praise.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lawlist::classify {

// What a cue's phrase does in its clause, when that may say the cue does not count for out of
// scope (see FoundCue::discounted).
enum class CueRole {
    plain,   // counts wherever it stands
    asking,  // asks a question or for help: not when the clause asks about someone's act
    thanks,  // praise: not when the clause is only a courtesy (万分感谢, 再次感谢)
};

struct Cue {
    std::string_view name;                // e.g. "问询", shown when the cue weighs for a decision
    std::vector<std::u32string> phrases;  // normalized; " " stands for a separator or the end
    CueRole role = CueRole::plain;
};

// The cues, in a fixed order (the index stores one weight per cue in this order).
const std::vector<Cue>& cues();

// A cue found in a text, and the first of its phrases found (the first in a clause where it
// counts, when there is one).
struct FoundCue {
    std::uint32_t cue = 0;
    std::u32string phrase;
    // Every clause the cue was found in says it is not what the cue stands for: an asking cue
    // in a clause that asks about someone's act — whether it is legal, who stops it, where to
    // report it (请问他这样养狗合法吗, 该找哪个部门举报), so the message is a complaint that
    // asks, not a consultation; praise that is only a courtesy (万分感谢). A clause of the
    // asking word alone (请问) is read with the clause after it. The scope model learns the
    // cues' weights whole; classifying leaves a discounted cue out.
    bool discounted = false;
};

// The cues of normalized text `normalized`, by cue.
std::vector<FoundCue> find_cues(const std::u32string& normalized);

}  // namespace lawlist::classify

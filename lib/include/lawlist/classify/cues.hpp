#pragma once
// Cues of what a message is for, found anywhere in it: asking a question, asking for a benefit or
// a service, proposing a policy, contesting a decision, a dispute between private parties, praise;
// or reporting someone who breaks a rule (a wrongful act, a nuisance, a call to stop it). The
// scope model (scope_model.hpp) weighs each cue once, whatever the length of the message: a
// bigram's weight is divided among all the bigrams of a long message, but one 请问 or 什么材料
// says what a three-hundred-character letter is for as plainly as it says it in ten characters.
// The weights are learned like the bigrams' from the vocabulary's reports; the cues only say
// which phrases count together.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lawlist::classify {

struct Cue {
    std::string_view name;                // e.g. "问询", shown when the cue weighs for a decision
    std::vector<std::u32string> phrases;  // normalized; " " stands for a separator or the end
};

// The cues, in a fixed order (the index stores one weight per cue in this order).
const std::vector<Cue>& cues();

// A cue found in a text, and the first of its phrases found.
struct FoundCue {
    std::uint32_t cue = 0;
    std::u32string phrase;
};

// The cues of normalized text `normalized`, by cue.
std::vector<FoundCue> find_cues(const std::u32string& normalized);

}  // namespace lawlist::classify

//! The generated Telegram API and the realistic workloads the `wire` bench measures.
//!
//! The workloads are built once with the generated types and serialized; grammers-tl-types
//! decodes the same bytes, so both sides work on exactly the same messages (the bench checks
//! that grammers writes them back byte for byte before measuring anything).

#[allow(clippy::all, missing_docs)]
pub mod tl {
    include!(concat!(env!("OUT_DIR"), "/tl.rs"));
}

use tl::{enums, functions, types};

/// Text in several scripts, so string lengths and UTF-8 checks are realistic.
const WORDS: &[&str] = &[
    "hello",
    "world",
    "Telegram",
    "привет",
    "мир",
    "こんにちは",
    "🙂",
    "meeting",
    "tomorrow",
    "at",
    "10:00",
    "see",
    "https://example.org/page",
    "the",
    "notes",
    "👍",
    "thanks",
    "ok",
    "¿qué",
    "tal?",
    "release",
    "v2.4.1",
    "is",
    "out",
    "changelog",
    "fixed",
    "bugs",
];

fn text(seed: usize, words: usize) -> String {
    let mut s = String::new();
    for k in 0..words {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[(seed * 7 + k * 13) % WORDS.len()]);
    }
    s
}

fn thumb(seed: usize, len: usize) -> Vec<u8> {
    (0..len).map(|i| (seed * 31 + i * 17) as u8).collect()
}

fn user_peer(id: i64) -> enums::Peer {
    enums::Peer::User(types::PeerUser { user_id: id })
}

fn channel_peer(id: i64) -> enums::Peer {
    enums::Peer::Channel(types::PeerChannel { channel_id: id })
}

fn user_id(i: usize) -> i64 {
    1_000_000_000 + i as i64 * 7919
}

fn channel_id(i: usize) -> i64 {
    2_000_000_000 + i as i64 * 104_729
}

/// A user as a `messages.getHistory` answer carries it: names, username, photo, status.
pub fn user(i: usize) -> enums::User {
    enums::User::User(types::User {
        self_: false,
        contact: i % 3 == 0,
        mutual_contact: i % 6 == 0,
        deleted: false,
        bot: i % 10 == 9,
        bot_chat_history: false,
        bot_nochats: false,
        verified: i % 7 == 0,
        restricted: false,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: true,
        fake: false,
        bot_attach_menu: false,
        premium: i % 4 == 0,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: true,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id: user_id(i),
        access_hash: Some(0x1234_5678_9abc_def0 ^ i as i64),
        first_name: Some(text(i, 1)),
        last_name: (i % 2 == 0).then(|| text(i + 3, 1)),
        username: Some(format!("user_{i}_name")),
        phone: (i % 3 == 0).then(|| format!("4479{:08}", i * 1234)),
        photo: Some(enums::UserProfilePhoto::UserProfilePhoto(
            types::UserProfilePhoto {
                has_video: false,
                personal: false,
                photo_id: 5_000_000_000 + i as i64,
                stripped_thumb: Some(thumb(i, 120)),
                dc_id: 2 + (i % 3) as i32,
            },
        )),
        status: Some(if i % 2 == 0 {
            enums::UserStatus::Online(types::UserStatusOnline {
                expires: 1_700_000_000 + i as i32,
            })
        } else {
            enums::UserStatus::Recently(types::UserStatusRecently { by_me: false })
        }),
        bot_info_version: (i % 10 == 9).then_some(3),
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: Some("en".to_owned()),
        emoji_status: None,
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        bot_active_users: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    })
}

/// A channel or megagroup with a photo, or (every other one) a basic group.
pub fn chat(i: usize) -> enums::Chat {
    let photo = enums::ChatPhoto::ChatPhoto(types::ChatPhoto {
        has_video: false,
        photo_id: 6_000_000_000 + i as i64,
        stripped_thumb: Some(thumb(i + 100, 100)),
        dc_id: 2,
    });
    if i % 2 == 1 {
        return enums::Chat::Chat(types::Chat {
            creator: false,
            left: false,
            deactivated: false,
            call_active: false,
            call_not_empty: false,
            noforwards: false,
            id: 3_000_000 + i as i64,
            title: text(i, 3),
            photo,
            participants_count: 12 + i as i32,
            date: 1_600_000_000,
            version: 4,
            migrated_to: None,
            admin_rights: None,
            default_banned_rights: None,
        });
    }
    enums::Chat::Channel(types::Channel {
        creator: false,
        left: false,
        broadcast: i == 0,
        verified: i == 0,
        megagroup: i != 0,
        restricted: false,
        signatures: false,
        min: false,
        scam: false,
        has_link: false,
        has_geo: false,
        slowmode_enabled: false,
        call_active: false,
        call_not_empty: false,
        fake: false,
        gigagroup: false,
        noforwards: false,
        join_to_send: false,
        join_request: false,
        forum: false,
        stories_hidden: false,
        stories_hidden_min: false,
        stories_unavailable: true,
        signature_profiles: false,
        autotranslation: false,
        broadcast_messages_allowed: false,
        monoforum: false,
        forum_tabs: false,
        id: channel_id(i),
        access_hash: Some(0x0fed_cba9_8765_4321 ^ i as i64),
        title: text(i + 1, 2),
        username: Some(format!("channel_{i}")),
        photo,
        date: 1_650_000_000 + i as i32,
        restriction_reason: None,
        admin_rights: None,
        banned_rights: None,
        default_banned_rights: Some(enums::ChatBannedRights::ChatBannedRights(
            types::ChatBannedRights {
                view_messages: false,
                send_messages: false,
                send_media: false,
                send_stickers: false,
                send_gifs: false,
                send_games: false,
                send_inline: false,
                embed_links: false,
                send_polls: false,
                change_info: true,
                invite_users: false,
                pin_messages: true,
                manage_topics: false,
                send_photos: false,
                send_videos: false,
                send_roundvideos: false,
                send_audios: false,
                send_voices: false,
                send_docs: false,
                send_plain: false,
                edit_rank: false,
                send_reactions: false,
                manage_linked_peers: false,
                until_date: i32::MAX,
            },
        )),
        participants_count: Some(1000 * (i as i32 + 1)),
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        emoji_status: None,
        level: None,
        subscription_until_date: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_monoforum_id: None,
        linked_community_id: None,
    })
}

fn entities(i: usize, text_len: usize) -> Vec<enums::MessageEntity> {
    let len = text_len.min(8) as i32;
    let mut e = vec![enums::MessageEntity::Bold(types::MessageEntityBold {
        offset: 0,
        length: len,
    })];
    if i % 2 == 0 {
        e.push(enums::MessageEntity::TextUrl(types::MessageEntityTextUrl {
            offset: 0,
            length: len,
            url: format!("https://example.org/posts/{i}"),
        }));
    }
    if i % 3 == 0 {
        e.push(enums::MessageEntity::MentionName(
            types::MessageEntityMentionName {
                offset: 0,
                length: len,
                user_id: user_id(i % 20),
            },
        ));
    }
    e
}

fn reactions(i: usize) -> enums::MessageReactions {
    let emoji = ["👍", "❤", "🔥", "😁"];
    enums::MessageReactions::MessageReactions(types::MessageReactions {
        min: false,
        can_see_list: i % 2 == 0,
        reactions_as_tags: false,
        results: (0..1 + i % 4)
            .map(|k| {
                enums::ReactionCount::ReactionCount(types::ReactionCount {
                    chosen_order: (k == 0).then_some(0),
                    reaction: enums::Reaction::Emoji(types::ReactionEmoji {
                        emoticon: emoji[k].to_owned(),
                    }),
                    count: (10 * k + i) as i32 + 1,
                })
            })
            .collect(),
        recent_reactions: None,
        top_reactors: None,
    })
}

/// A chat message: text with entities; every third a reply, every other one with reactions.
pub fn message(i: usize) -> enums::Message {
    let body = text(i, 8 + i % 24);
    let entities = entities(i, body.chars().count());
    enums::Message::Message(types::Message {
        out: i % 5 == 0,
        mentioned: false,
        media_unread: false,
        silent: false,
        post: false,
        from_scheduled: false,
        legacy: false,
        edit_hide: false,
        pinned: i == 0,
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id: 500_000 + i as i32,
        from_id: Some(user_peer(user_id(i % 20))),
        from_boosts_applied: None,
        from_rank: None,
        peer_id: channel_peer(channel_id(2)),
        saved_peer_id: None,
        fwd_from: None,
        via_bot_id: None,
        via_business_bot_id: None,
        guestchat_via_from: None,
        reply_to: (i % 3 == 1).then(|| {
            enums::MessageReplyHeader::MessageReplyHeader(types::MessageReplyHeader {
                reply_to_scheduled: false,
                forum_topic: false,
                quote: false,
                reply_to_ephemeral: false,
                reply_to_msg_id: Some(500_000 + i as i32 - 1),
                reply_to_peer_id: None,
                reply_from: None,
                reply_media: None,
                reply_to_top_id: None,
                quote_text: None,
                quote_entities: None,
                quote_offset: None,
                todo_item_id: None,
                poll_option: None,
            })
        }),
        date: 1_700_000_000 + 60 * i as i32,
        message: body,
        media: None,
        reply_markup: None,
        entities: Some(entities),
        views: None,
        forwards: None,
        replies: None,
        edit_date: (i % 7 == 0).then_some(1_700_000_100 + 60 * i as i32),
        post_author: None,
        grouped_id: None,
        reactions: (i % 2 == 0).then(|| reactions(i)),
        restriction_reason: None,
        ttl_period: None,
        quick_reply_shortcut_id: None,
        effect: None,
        factcheck: None,
        report_delivery_until_date: None,
        paid_message_stars: None,
        suggested_post: None,
        schedule_repeat_period: None,
        summary_from_language: None,
        rich_message: None,
    })
}

/// `messages.messages` with 100 messages, 20 users and 5 chats (the answer to a
/// `messages.getHistory`).
pub fn history() -> enums::messages::Messages {
    enums::messages::Messages::Messages(types::messages::Messages {
        messages: (0..100).map(message).collect(),
        topics: Vec::new(),
        chats: (0..5).map(chat).collect(),
        users: (0..20).map(user).collect(),
    })
}

/// An `updates` batch: 40 updates (new channel messages, read receipts, user statuses,
/// deletions) with 10 users and 2 chats.
pub fn updates() -> enums::Updates {
    let updates = (0..40)
        .map(|i| match i % 4 {
            0 => enums::Update::NewChannelMessage(types::UpdateNewChannelMessage {
                message: message(i),
                pts: 9000 + i as i32,
                pts_count: 1,
            }),
            1 => enums::Update::ReadHistoryInbox(types::UpdateReadHistoryInbox {
                folder_id: None,
                peer: user_peer(user_id(i % 10)),
                top_msg_id: None,
                max_id: 400 + i as i32,
                still_unread_count: 0,
                pts: 9000 + i as i32,
                pts_count: 1,
            }),
            2 => enums::Update::UserStatus(types::UpdateUserStatus {
                user_id: user_id(i % 10),
                status: enums::UserStatus::Online(types::UserStatusOnline {
                    expires: 1_700_000_300,
                }),
            }),
            _ => enums::Update::DeleteMessages(types::UpdateDeleteMessages {
                messages: (0..5).map(|k| 300 + k + i as i32).collect(),
                pts: 9000 + i as i32,
                pts_count: 5,
            }),
        })
        .collect();
    enums::Updates::Updates(types::Updates {
        updates,
        users: (0..10).map(user).collect(),
        chats: (0..2).map(chat).collect(),
        date: 1_700_000_400,
        seq: 77,
    })
}

/// `upload.saveFilePart` with a 512 KiB part.
pub fn upload() -> functions::upload::SaveFilePart {
    functions::upload::SaveFilePart {
        file_id: 0x5eed_f00d_cafe,
        file_part: 3,
        bytes: thumb(7, 512 * 1024),
    }
}

//! The network adapter for sync: the CouchDB replication protocol over `fetch`, with the
//! session cookie the server sets (`credentials: include`). Each call answers a value or a
//! [`NetError`] that says what went wrong in words a person can act on; nothing here
//! decides what to send (that is `sync::replicate`).

use crate::sync::replicate::{encode_component, Seq, Server};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a call to the server failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum NetError {
    #[error("The server can't be reached (offline, or the address is wrong); your changes wait here and go up when it answers.")]
    Offline,
    #[error("The server did not accept the user name and password: check them and sign in again.")]
    SignIn,
    #[error("The server refused: {0}. Ask the database's administrator to add you as a member.")]
    Forbidden(String),
    #[error("The database “{0}” does not exist on this server: check its name, or ask the administrator to create it.")]
    Missing(String),
    #[error("The server answered {0}: {1}")]
    Server(u16, String),
}

/// One request; JSON in and out.
async fn call(method: &str, url: &str, body: Option<&Value>) -> Result<Value, NetError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::Include);
    init.set_mode(web_sys::RequestMode::Cors);
    let headers = web_sys::Headers::new().map_err(|_| NetError::Offline)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&wasm_bindgen::JsValue::from_str(&body.to_string()));
    }
    init.set_headers(&headers);
    let request =
        web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| NetError::Offline)?;
    let window = web_sys::window().ok_or(NetError::Offline)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| NetError::Offline)?
        .dyn_into()
        .map_err(|_| NetError::Offline)?;
    let status = response.status();
    let text = match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let reason = || {
        value
            .get("reason")
            .and_then(Value::as_str)
            .unwrap_or("no reason given")
            .to_string()
    };
    match status {
        200..=299 => Ok(value),
        401 => Err(NetError::SignIn),
        403 => Err(NetError::Forbidden(reason())),
        404 => Err(NetError::Missing(reason())),
        s => Err(NetError::Server(s, reason())),
    }
}

/// Trades the password for a session cookie (`POST /_session`); the password goes no
/// further than this request.
pub async fn sign_in(server: &Server, password: &str) -> Result<(), NetError> {
    let body = json!({ "name": server.user, "password": password });
    call("POST", &format!("{}/_session", server.url), Some(&body))
        .await
        .map(drop)
}

/// Whom the browser's session cookie is for (`GET /_session`); `None` when nobody.
pub async fn session_user(server: &Server) -> Result<Option<String>, NetError> {
    let v = call("GET", &format!("{}/_session", server.url), None).await?;
    Ok(v.pointer("/userCtx/name")
        .and_then(Value::as_str)
        .map(str::to_string))
}

/// Ends the session (`DELETE /_session`).
pub async fn sign_out(server: &Server) -> Result<(), NetError> {
    call("DELETE", &format!("{}/_session", server.url), None)
        .await
        .map(drop)
}

/// Checks the database is there and readable; a 404 names it.
pub async fn database(server: &Server) -> Result<Value, NetError> {
    call("GET", &server.db_url(), None)
        .await
        .map_err(|e| match e {
            NetError::Missing(_) => NetError::Missing(server.db.clone()),
            e => e,
        })
}

/// One change of the feed: a document and its leaf revisions.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub id: String,
    pub revs: Vec<String>,
}

/// The changes after `since` (`style=all_docs`, at most `limit`); with `wait_ms`, a long
/// poll that answers as soon as something changes or after the wait.
pub async fn changes(
    server: &Server,
    since: Option<&Seq>,
    limit: usize,
    wait_ms: Option<u32>,
) -> Result<(Vec<Change>, Option<Seq>), NetError> {
    let mut url = format!("{}/_changes?style=all_docs&limit={limit}", server.db_url());
    if let Some(since) = since {
        url.push_str(&format!("&since={}", encode_component(&since.as_param())));
    }
    if let Some(ms) = wait_ms {
        url.push_str(&format!("&feed=longpoll&timeout={ms}"));
    }
    let v = call("GET", &url, None).await?;
    let list = v
        .get("results")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let out = list
        .iter()
        .filter_map(|c| {
            Some(Change {
                id: c.get("id")?.as_str()?.to_string(),
                revs: c
                    .get("changes")?
                    .as_array()?
                    .iter()
                    .filter_map(|r| r.get("rev")?.as_str().map(str::to_string))
                    .collect(),
            })
        })
        .collect();
    Ok((out, v.get("last_seq").cloned().map(Seq)))
}

/// The given revisions with their history (`_bulk_get?revs=true`); documents that failed
/// to come are left out (the next pull asks again). A server without `_bulk_get` (CouchDB
/// 1, some gateways) is asked document by document (`open_revs`).
pub async fn bulk_get(
    server: &Server,
    wanted: &[(String, String)],
) -> Result<Vec<Value>, NetError> {
    let docs: Vec<Value> = wanted
        .iter()
        .map(|(id, rev)| json!({ "id": id, "rev": rev }))
        .collect();
    let url = format!("{}/_bulk_get?revs=true", server.db_url());
    let v = match call("POST", &url, Some(&json!({ "docs": docs }))).await {
        Ok(v) => v,
        Err(NetError::Missing(_) | NetError::Server(400 | 405 | 501, _)) => {
            return open_revs(server, wanted).await
        }
        Err(e) => return Err(e),
    };
    let results = v
        .get("results")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Ok(results
        .iter()
        .flat_map(|r| {
            r.get("docs")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|d| d.get("ok").cloned())
        .collect())
}

/// The given revisions with their history, one request per document
/// (`GET /db/doc?revs=true&open_revs=[…]`).
async fn open_revs(server: &Server, wanted: &[(String, String)]) -> Result<Vec<Value>, NetError> {
    let mut by_doc: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (id, rev) in wanted {
        by_doc.entry(id).or_default().push(rev);
    }
    let mut out = Vec::new();
    for (id, revs) in by_doc {
        let url = format!(
            "{}/{}?revs=true&latest=true&open_revs={}",
            server.db_url(),
            encode_component(id),
            encode_component(&json!(revs).to_string())
        );
        let answers = call("GET", &url, None).await?;
        out.extend(
            answers
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.get("ok").cloned()),
        );
    }
    Ok(out)
}

/// Which of the given revisions the server does not have yet (`_revs_diff`).
pub async fn revs_diff(
    server: &Server,
    revs: &[(String, String)],
) -> Result<std::collections::BTreeSet<(String, String)>, NetError> {
    let mut asked = serde_json::Map::new();
    for (id, rev) in revs {
        let list = asked.entry(id.clone()).or_insert_with(|| json!([]));
        if let Some(list) = list.as_array_mut() {
            list.push(json!(rev));
        }
    }
    let url = format!("{}/_revs_diff", server.db_url());
    let v = call("POST", &url, Some(&Value::Object(asked))).await?;
    let mut missing = std::collections::BTreeSet::new();
    for (id, answer) in v.as_object().into_iter().flatten() {
        for rev in answer
            .get("missing")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(rev) = rev.as_str() {
                missing.insert((id.clone(), rev.to_string()));
            }
        }
    }
    Ok(missing)
}

/// One document's winning revision; `None` when the database has none by that id.
pub async fn document(server: &Server, id: &str) -> Result<Option<Value>, NetError> {
    get_if_there(&format!("{}/{}", server.db_url(), encode_component(id))).await
}

/// `GET url`; `None` when the server has nothing there (404).
async fn get_if_there(url: &str) -> Result<Option<Value>, NetError> {
    match call("GET", url, None).await {
        Ok(v) => Ok(Some(v)),
        Err(NetError::Missing(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A `_local` document (a replication checkpoint): `None` when the server has none.
pub async fn local_doc(server: &Server, id: &str) -> Result<Option<Value>, NetError> {
    get_if_there(&format!(
        "{}/_local/{}",
        server.db_url(),
        encode_component(id)
    ))
    .await
}

/// Writes a `_local` document; answers its new revision.
pub async fn put_local(server: &Server, id: &str, doc: &Value) -> Result<Option<String>, NetError> {
    let url = format!("{}/_local/{}", server.db_url(), encode_component(id));
    let v = call("PUT", &url, Some(doc)).await?;
    Ok(v.get("rev").and_then(Value::as_str).map(str::to_string))
}

/// A document the server refused to store, with its reason (e.g. a `validate_doc_update`
/// that lets this user read only).
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub id: String,
    pub error: String,
    pub reason: String,
}

/// Sends documents as they are (`_bulk_docs` with `new_edits: false`): the revisions and
/// histories are Pursuit's own. The server answers for the whole batch but may refuse
/// single documents; those come back.
pub async fn bulk_docs(server: &Server, docs: &[Value]) -> Result<Vec<Refused>, NetError> {
    let url = format!("{}/_bulk_docs", server.db_url());
    let v = call(
        "POST",
        &url,
        Some(&json!({ "docs": docs, "new_edits": false })),
    )
    .await?;
    let answers = v.as_array().cloned().unwrap_or_default();
    Ok(answers
        .iter()
        .filter_map(|a| {
            let error = a.get("error")?.as_str()?.to_string();
            Some(Refused {
                id: a
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string(),
                reason: a
                    .get("reason")
                    .and_then(Value::as_str)
                    .unwrap_or(&error)
                    .to_string(),
                error,
            })
        })
        .collect())
}

/// The ids of the workspaces whose record the database holds (one for a team database).
pub async fn workspace_ids(server: &Server) -> Result<Vec<uuid::Uuid>, NetError> {
    let url = format!(
        "{}/_all_docs?startkey=%22workspace%3A%22&endkey=%22workspace%3A%EF%BF%B0%22",
        server.db_url()
    );
    let v = call("GET", &url, None).await?;
    let rows = v
        .get("rows")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Ok(rows
        .iter()
        .filter_map(|r| r.get("id")?.as_str())
        .filter_map(crate::sync::docs::parse_doc_id)
        .map(|(_, id)| id)
        .collect())
}
